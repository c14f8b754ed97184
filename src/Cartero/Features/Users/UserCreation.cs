using Cartero.Platform.Identity;

namespace Cartero.Features.Users;

/// <summary>The person created and what to tell the admin, or the refusals (none of them saved anything).</summary>
public sealed record UserCreation(CarteroUser? User, IReadOnlyList<UserFieldError> Errors, string? Message = null, string? OneTimePassword = null)
{
    public bool Succeeded => User is not null;
}

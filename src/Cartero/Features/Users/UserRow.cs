namespace Cartero.Features.Users;

/// <summary>A row of the user list.</summary>
public sealed record UserRow(Guid Id, string Email, string FullName, string? CustomerId, IReadOnlyList<string> Roles, bool LockedOut, bool TwoFactor, bool Deactivated);

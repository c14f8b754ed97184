using Cartero.Platform.Data;
using Cartero.Platform.Secrets;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Cartero.Platform.Identity;

/// <summary>
/// Identity's EF store, with the authenticator key and the recovery codes encrypted by the secret protector, bound to
/// their user and token name. Identity reads and writes both only through <see cref="GetTokenAsync"/> and
/// <see cref="SetTokenAsync"/>; user lookups (by name, e-mail) are untouched.
/// </summary>
public sealed class CarteroUserStore(CarteroDbContext context, ISecretProtector secrets, IdentityErrorDescriber? describer = null)
    : UserStore<CarteroUser, IdentityRole<Guid>, CarteroDbContext, Guid>(context, describer)
{
    public override Task SetTokenAsync(CarteroUser user, string loginProvider, string name, string? value, CancellationToken cancellationToken)
    {
        var column = IdentitySecretColumns.For(loginProvider, name);
        var stored = value is null || column is null ? value : secrets.Protect(value, column.Purpose(Row(user, loginProvider, name)));
        return base.SetTokenAsync(user, loginProvider, name, stored, cancellationToken);
    }

    public override async Task<string?> GetTokenAsync(CarteroUser user, string loginProvider, string name, CancellationToken cancellationToken)
    {
        var stored = await base.GetTokenAsync(user, loginProvider, name, cancellationToken);
        var column = IdentitySecretColumns.For(loginProvider, name);
        return stored is null || column is null ? stored : secrets.Unprotect(stored, column.Purpose(Row(user, loginProvider, name)));
    }

    private static IdentityUserToken<Guid> Row(CarteroUser user, string loginProvider, string name) =>
        new() { UserId = user.Id, LoginProvider = loginProvider, Name = name };
}

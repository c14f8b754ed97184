using Cartero.Platform.Secrets;
using Microsoft.AspNetCore.Identity;

namespace Cartero.Platform.Identity;

/// <summary>
/// The second-factor secrets Identity keeps in <c>usuario_token</c> (its internal login provider): the authenticator
/// key (TOTP seed) and the recovery codes. Both are encrypted by <see cref="CarteroUserStore"/>; values stored in plain
/// text before that are encrypted at start-up.
/// </summary>
public static class IdentitySecretColumns
{
    /// <summary>The login provider name Identity's user store uses for its own tokens.</summary>
    public const string InternalLoginProvider = "[AspNetUserStore]";

    private const string IfLost =
        "borre esa fila de usuario_token y ponga usuario.\"TwoFactorEnabled\" en falso para esa persona; al ingresar, vuelve a activar la verificación en dos pasos en Mi cuenta.";

    public static readonly ProtectedColumn<IdentityUserToken<Guid>> AuthenticatorKey = Token("AuthenticatorKey", "clave del autenticador (TOTP)");

    public static readonly ProtectedColumn<IdentityUserToken<Guid>> RecoveryCodes = Token("RecoveryCodes", "códigos de recuperación");

    /// <summary>The entry for a token of Identity's internal provider, or null for a token Cartero does not protect.</summary>
    public static ProtectedColumn<IdentityUserToken<Guid>>? For(string loginProvider, string name) =>
        loginProvider != InternalLoginProvider ? null
        : name == AuthenticatorKey.Qualifier ? AuthenticatorKey
        : name == RecoveryCodes.Qualifier ? RecoveryCodes
        : null;

    private static ProtectedColumn<IdentityUserToken<Guid>> Token(string name, string label) => new()
    {
        Table = "usuario_token",
        Column = "Value",
        Qualifier = name,
        Label = label,
        IfLost = IfLost,
        UpgradesPlainText = true,
        RowId = t => $"{t.UserId:D}/{t.LoginProvider}/{t.Name}",
        Get = t => t.Value,
        Set = (t, v) => t.Value = v,
        Rows = t => t.LoginProvider == InternalLoginProvider && t.Name == name,
    };
}

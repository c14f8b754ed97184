using System.Security.Claims;
using Cartero.Platform.Identity;

namespace Cartero.Platform.Auth;

/// <summary>
/// How much of the send log a caller may see: everything, or only the mail they originated (a seller's sales,
/// an optometrist's documents). Enforced in the handlers, after the policy let the caller in.
/// </summary>
public static class MailScope
{
    private static readonly string[] WholeLogRoles = [CarteroRoles.Admin, CarteroRoles.Gerente, CarteroRoles.Soporte];

    /// <summary>The originator the caller is limited to, or null when the caller sees the whole log.</summary>
    public static string? OwnMailOnly(this ClaimsPrincipal user) =>
        user.HasClaim(c => c.Type == ApiKeyScheme.KeyClaim) || WholeLogRoles.Any(user.IsInRole)
            ? null
            : user.FindFirstValue(ClaimTypes.Name) ?? "";
}

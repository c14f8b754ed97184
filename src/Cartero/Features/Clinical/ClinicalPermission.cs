using System.Security.Claims;
using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Platform.Auth;
using Cartero.Platform.Identity;
using Microsoft.AspNetCore.Identity;

namespace Cartero.Features.Clinical;

/// <summary>
/// "Puede enviar documentos clínicos": a claim of the person in Identity's own claims table (<c>usuario_reclamo</c>),
/// granted and revoked by an admin (audited). It is read from the database when a document is sent, not from the
/// session cookie, so a revocation applies to the very next send.
/// </summary>
public sealed class ClinicalPermission(UserManager<CarteroUser> users, IAuditTrail audit)
{
    public const string ClaimType = "cartero:permiso";
    public const string ClaimValue = "enviar_documentos_clinicos";

    public async Task<bool> HasAsync(CarteroUser user) =>
        (await users.GetClaimsAsync(user)).Any(c => c.Type == ClaimType && c.Value == ClaimValue);

    /// <summary>The ids of every person holding the permission (for the users page).</summary>
    public async Task<IReadOnlySet<Guid>> HoldersAsync() =>
        (await users.GetUsersForClaimAsync(new Claim(ClaimType, ClaimValue))).Select(u => u.Id).ToHashSet();

    /// <returns>False when the person already was in the wanted state (nothing changed, nothing audited).</returns>
    public async Task<bool> SetAsync(CarteroUser user, bool grant, RequestActor actor, CancellationToken cancellationToken)
    {
        if (await HasAsync(user) == grant)
        {
            return false;
        }

        var claim = new Claim(ClaimType, ClaimValue);
        var result = grant ? await users.AddClaimAsync(user, claim) : await users.RemoveClaimAsync(user, claim);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, grant ? AuditAction.GrantClinicalPermission : AuditAction.RevokeClinicalPermission, user.Email,
            new ClinicalPermissionDetails(ClaimValue, await users.IsInRoleAsync(user, CarteroRoles.Optometrista))), cancellationToken);
        return true;
    }
}

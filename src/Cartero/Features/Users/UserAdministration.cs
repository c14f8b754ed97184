using System.Security.Cryptography;
using Cartero.Features.Accounts;
using Cartero.Features.ApiKeys;
using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Features.Clinical;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Cartero.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Users;

/// <summary>
/// Admins manage people: create with roles (or invite by mail), change roles, deactivate, unlock, reset a password, grant the
/// clinical permission and set which roles must use 2FA. Every change is audited. Messages are the panel's, in Spanish.
/// </summary>
public sealed class UserAdministration(UserManager<CarteroUser> users, IAuditTrail audit, TimeProvider time, TwoFactorPolicy twoFactor, ApiKeyService apiKeys,
    PasswordLinkMailer linkMailer, IOptions<AccountOptions> accountOptions, ClinicalPermission clinicalPermission, CarteroDbContext db)
{
    /// <summary>Whether invitations by mail can be sent (the panel's public address is configured).</summary>
    public bool InvitationsAvailable => accountOptions.Value.Enabled;

    /// <summary>Roles fixed by the server's configuration; shown ticked and not editable in the panel.</summary>
    public IReadOnlySet<string> TwoFactorConfiguredRoles => twoFactor.ConfiguredRoles;

    public async Task<UserDirectory> ListAsync(CancellationToken cancellationToken)
    {
        var all = await users.Users.OrderBy(u => u.Email).ToListAsync(cancellationToken);
        // Every person's roles in one query; UserManager.GetRolesAsync would run one per person.
        var roles = (await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken)).ToLookup(x => x.UserId, x => x.Name ?? "");
        var rows = new List<UserRow>(all.Count);
        foreach (var u in all)
        {
            rows.Add(new UserRow(u.Id, u.Email ?? u.UserName ?? "", u.FullName, u.CustomerId, roles[u.Id].Order(StringComparer.Ordinal).ToList(),
                u.LockoutEnd is { } end && end > time.GetUtcNow(), u.TwoFactorEnabled, u.LockoutEnd == DateTimeOffset.MaxValue));
        }

        var clinicalSenders = await clinicalPermission.HoldersAsync();
        var panelRoles = await twoFactor.PanelRolesAsync(cancellationToken);
        var required = await twoFactor.RequiredRolesAsync(cancellationToken);
        return new UserDirectory(rows, clinicalSenders, panelRoles, rows.Count(r => !r.TwoFactor && r.Roles.Any(required.Contains)));
    }

    /// <summary>The refusals the form's own checks cannot see: no role, or a customer without a customer id.</summary>
    public static IReadOnlyList<UserFieldError> Validate(NewUserRequest request)
    {
        var errors = new List<UserFieldError>();
        var roles = KnownRoles(request.Roles);
        if (roles.Count == 0)
        {
            errors.Add(new UserFieldError(nameof(NewUserRequest.Roles), "Elija al menos un rol."));
        }

        if (roles.Contains(CarteroRoles.Cliente) && string.IsNullOrWhiteSpace(request.CustomerId))
        {
            errors.Add(new UserFieldError(nameof(NewUserRequest.CustomerId), "Un cliente necesita su id de cliente para ver sus correos."));
        }

        return errors;
    }

    /// <summary>Creates the person with a temporary password, returned once so the panel can show it.</summary>
    public async Task<UserCreation> CreateAsync(NewUserRequest request, RequestActor actor, CancellationToken cancellationToken)
    {
        var password = NewPassword();
        var created = await CreateUserAsync(request, password, actor, cancellationToken);
        return created.User is not { } user
            ? created
            : created with
            {
                OneTimePassword = password,
                Message = $"Usuario {user.Email} creado. Entréguele esta contraseña temporal; no se volverá a mostrar.",
            };
    }

    /// <summary>Creates the person without a password and mails them a single-use link to choose their first one.</summary>
    public async Task<UserCreation> InviteAsync(NewUserRequest request, RequestActor actor, CancellationToken cancellationToken)
    {
        if (!InvitationsAvailable)
        {
            return new UserCreation(null, [new UserFieldError("", "Las invitaciones por correo necesitan la dirección pública del panel (Cartero:Accounts:PublicUrl). Configúrela o cree el usuario con contraseña temporal.")]);
        }

        var created = await CreateUserAsync(request, null, actor, cancellationToken);
        if (created.User is not { } user)
        {
            return created;
        }

        var email = await linkMailer.SendAsync(user, invitation: true, actor.Ip, cancellationToken);
        await AuditAsync(actor, AuditAction.InviteUser, user.Email!, new InviteUserDetails(email.Id), cancellationToken);
        return created with
        {
            Message = $"Se envió a {user.Email} una invitación para elegir su contraseña; el enlace sirve una vez. Vea el envío en Correos.",
        };
    }

    private async Task<UserCreation> CreateUserAsync(NewUserRequest request, string? password, RequestActor actor, CancellationToken cancellationToken)
    {
        if (Validate(request) is { Count: > 0 } invalid)
        {
            return new UserCreation(null, invalid);
        }

        var roles = KnownRoles(request.Roles);
        var user = new CarteroUser
        {
            Id = Guid.CreateVersion7(), UserName = request.Email.Trim(), Email = request.Email.Trim(), EmailConfirmed = true,
            FullName = request.FullName.Trim(), CustomerId = string.IsNullOrWhiteSpace(request.CustomerId) ? null : request.CustomerId.Trim(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return new UserCreation(null, created.Errors.Select(e => new UserFieldError(nameof(NewUserRequest.Email), e.Description)).ToList());
        }

        await users.AddToRolesAsync(user, roles);
        await AuditAsync(actor, AuditAction.CreateUser, user.Email!, new CreateUserDetails(roles, user.CustomerId, password is null), cancellationToken);
        return new UserCreation(user, []);
    }

    /// <summary>Sets the person's roles; losing admin revokes the API keys they created. Null when there is no such person.</summary>
    public async Task<UserActionResult?> ChangeRolesAsync(Guid id, IEnumerable<string> roles, RequestActor actor, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return null;
        }

        var wanted = KnownRoles(roles);
        var current = await users.GetRolesAsync(user);
        if (current.Contains(CarteroRoles.Admin) && !wanted.Contains(CarteroRoles.Admin) && await IsLastAdminAsync(user))
        {
            return new UserActionResult("No se puede quitar el rol admin al último administrador.");
        }

        await users.RemoveFromRolesAsync(user, current.Except(wanted));
        await users.AddToRolesAsync(user, wanted.Except(current));
        // The person's open sessions must not keep the old roles: they sign in again and get the new ones.
        await users.UpdateSecurityStampAsync(user);
        await AuditAsync(actor, AuditAction.ChangeRoles, user.Email!, new ChangeRolesDetails(current, wanted), cancellationToken);
        var revoked = current.Contains(CarteroRoles.Admin) && !wanted.Contains(CarteroRoles.Admin)
            ? await apiKeys.RevokeCreatedByAsync(user.UserName!, "ya no es administrador", actor, cancellationToken)
            : 0;
        return new UserActionResult(revoked == 0
            ? $"Roles de {user.Email} actualizados."
            : $"Roles de {user.Email} actualizados; se revocaron las {revoked} claves de API que había creado.");
    }

    /// <summary>Locks the person out for good, closes their sessions and revokes their API keys. Null when there is no such person.</summary>
    public async Task<UserActionResult?> DeactivateAsync(Guid id, RequestActor actor, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return null;
        }

        if ((await users.GetRolesAsync(user)).Contains(CarteroRoles.Admin) && await IsLastAdminAsync(user))
        {
            return new UserActionResult("No se puede desactivar al último administrador.");
        }

        if (user.UserName == actor.Name)
        {
            return new UserActionResult("No puede desactivar su propia cuenta.");
        }

        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user);
        var revoked = await apiKeys.RevokeCreatedByAsync(user.UserName!, "usuario desactivado", actor, cancellationToken);
        await AuditAsync(actor, AuditAction.DeactivateUser, user.Email!, new DeactivateUserDetails(revoked), cancellationToken);
        return new UserActionResult(revoked == 0
            ? $"{user.Email} quedó desactivado; sus sesiones abiertas se cerraron."
            : $"{user.Email} quedó desactivado; sus sesiones abiertas se cerraron y se revocaron sus {revoked} claves de API.");
    }

    /// <summary>Lifts a lockout or a deactivation. Null when there is no such person.</summary>
    public async Task<UserActionResult?> UnlockAsync(Guid id, RequestActor actor, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return null;
        }

        var wasDeactivated = user.LockoutEnd == DateTimeOffset.MaxValue;
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await AuditAsync(actor, wasDeactivated ? AuditAction.ReactivateUser : AuditAction.UnlockUser, user.Email!, cancellationToken);
        return new UserActionResult($"{user.Email} puede volver a ingresar.");
    }

    /// <summary>Replaces the password with a temporary one, returned once, and closes the person's sessions. Null when there is no such person.</summary>
    public async Task<UserActionResult?> ResetPasswordAsync(Guid id, RequestActor actor, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return null;
        }

        var password = NewPassword();
        await users.RemovePasswordAsync(user);
        await users.AddPasswordAsync(user, password);
        await users.UpdateSecurityStampAsync(user);
        await AuditAsync(actor, AuditAction.ResetPassword, user.Email!, cancellationToken);
        return new UserActionResult($"Nueva contraseña temporal de {user.Email}; no se volverá a mostrar.", password);
    }

    /// <summary>Grants or revokes "puede enviar documentos clínicos" (audited). Only optometrists can use it to send. Null when there is no such person.</summary>
    public async Task<UserActionResult?> SetClinicalPermissionAsync(Guid id, bool grant, RequestActor actor, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return null;
        }

        var changed = await clinicalPermission.SetAsync(user, grant, actor, cancellationToken);
        var optometrist = await users.IsInRoleAsync(user, CarteroRoles.Optometrista);
        return new UserActionResult(!changed
            ? $"{user.Email} ya estaba así; no se cambió nada."
            : grant
                ? $"{user.Email} puede enviar documentos clínicos a pacientes que dieron su consentimiento." + (optometrist ? "" : " Necesita además el rol optometrista para enviarlos.")
                : $"{user.Email} ya no puede enviar documentos clínicos.");
    }

    /// <summary>Sets the roles whose people must use the second factor, as ticked in the panel.</summary>
    public async Task<UserActionResult> SetTwoFactorRolesAsync(IEnumerable<string> roles, RequestActor actor, CancellationToken cancellationToken)
    {
        var chosen = roles.Where(TwoFactorPolicy.EligibleRoles.Contains).ToList();
        await twoFactor.SetPanelRolesAsync(chosen, actor.Name, actor.Ip, cancellationToken);
        return new UserActionResult(chosen.Count == 0
            ? "La verificación en dos pasos ya no es obligatoria para ningún rol desde el panel."
            : $"Verificación en dos pasos obligatoria para: {string.Join(", ", chosen)}. Quien aún no la tenga deberá activarla al entrar a cualquier página.");
    }

    private static List<string> KnownRoles(IEnumerable<string> roles) => roles.Where(CarteroRoles.All.Contains).Distinct().ToList();

    private async Task<bool> IsLastAdminAsync(CarteroUser user) =>
        (await users.GetUsersInRoleAsync(CarteroRoles.Admin)).All(u => u.Id == user.Id);

    private Task AuditAsync<TDetails>(RequestActor actor, AuditAction<TDetails> action, string target, TDetails details, CancellationToken cancellationToken)
        where TDetails : class =>
        audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, action, target, details), cancellationToken);

    private Task AuditAsync(RequestActor actor, AuditAction<NoDetails> action, string target, CancellationToken cancellationToken) =>
        audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, action, target), cancellationToken);

    private static string NewPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');
}

using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Cartero.Features.Accounts;
using Cartero.Features.Audit;
using Cartero.Platform.Auth;
using Cartero.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cartero.Pages.Usuarios;

/// <summary>Admins manage people: create with roles, change roles, unlock, reset a password. Every change is audited.</summary>
public sealed class IndexModel(UserManager<CarteroUser> users, IAuditTrail audit, TimeProvider time, TwoFactorPolicy twoFactor, ApiKeyService apiKeys,
    PasswordLinkMailer linkMailer, IOptions<AccountOptions> accountOptions, Cartero.Features.Clinical.ClinicalPermission clinicalPermission) : PageModel
{
    /// <summary>Whether invitations by mail can be sent (the panel's public address is configured).</summary>
    public bool InvitationsAvailable => accountOptions.Value.Enabled;

    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    /// <summary>People who hold "puede enviar documentos clínicos".</summary>
    public IReadOnlySet<Guid> ClinicalSenders { get; private set; } = new HashSet<Guid>();

    /// <summary>Roles whose people must use the second factor, as ticked in the panel.</summary>
    public IReadOnlySet<string> TwoFactorPanelRoles { get; private set; } = new HashSet<string>();

    /// <summary>Roles fixed by the server's configuration; shown ticked and not editable here.</summary>
    public IReadOnlySet<string> TwoFactorConfiguredRoles => twoFactor.ConfiguredRoles;

    /// <summary>People in a role that requires the second factor who have not turned it on yet.</summary>
    public int PendingTwoFactor { get; private set; }

    [BindProperty]
    public NewUser Input { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    /// <summary>A password generated for a person, shown once on this response only.</summary>
    public string? OneTimePassword { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCrearAsync(CancellationToken cancellationToken)
    {
        var password = NewPassword();
        if (await CreateAsync(password, cancellationToken) is not { } user)
        {
            return Page();
        }

        OneTimePassword = password;
        Message = $"Usuario {user.Email} creado. Entréguele esta contraseña temporal; no se volverá a mostrar.";
        Input = new NewUser();
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Creates the person without a password and mails them a single-use link to choose their first one.</summary>
    public async Task<IActionResult> OnPostInvitarAsync(CancellationToken cancellationToken)
    {
        if (!InvitationsAvailable)
        {
            ModelState.AddModelError(string.Empty, "Las invitaciones por correo necesitan la dirección pública del panel (Cartero:Accounts:PublicUrl). Configúrela o cree el usuario con contraseña temporal.");
            await LoadAsync(cancellationToken);
            return Page();
        }

        if (await CreateAsync(null, cancellationToken) is not { } user)
        {
            return Page();
        }

        var actor = HttpContext.GetActor();
        var email = await linkMailer.SendAsync(user, invitation: true, actor.Ip, cancellationToken);
        await AuditAsync("invitar_usuario", user.Email!, new { correo = email.Id }, cancellationToken);
        Message = $"Se envió a {user.Email} una invitación para elegir su contraseña; el enlace sirve una vez. Vea el envío en Correos.";
        Input = new NewUser();
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Validates the form and creates the person (with <paramref name="password"/>, or none for an invitation); null when refused.</summary>
    private async Task<CarteroUser?> CreateAsync(string? password, CancellationToken cancellationToken)
    {
        var roles = Input.Roles.Where(CarteroRoles.All.Contains).Distinct().ToList();
        if (roles.Count == 0)
        {
            ModelState.AddModelError("Input.Roles", "Elija al menos un rol.");
        }

        if (roles.Contains(CarteroRoles.Cliente) && string.IsNullOrWhiteSpace(Input.CustomerId))
        {
            ModelState.AddModelError("Input.CustomerId", "Un cliente necesita su id de cliente para ver sus correos.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return null;
        }

        var user = new CarteroUser
        {
            Id = Guid.CreateVersion7(), UserName = Input.Email.Trim(), Email = Input.Email.Trim(), EmailConfirmed = true,
            FullName = Input.FullName.Trim(), CustomerId = string.IsNullOrWhiteSpace(Input.CustomerId) ? null : Input.CustomerId.Trim(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            foreach (var e in created.Errors)
            {
                ModelState.AddModelError("Input.Email", e.Description);
            }

            await LoadAsync(cancellationToken);
            return null;
        }

        await users.AddToRolesAsync(user, roles);
        await AuditAsync("crear_usuario", user.Email!, new { roles, idCliente = user.CustomerId, invitacion = password is null }, cancellationToken);
        return user;
    }

    public async Task<IActionResult> OnPostRolesAsync(Guid id, string[] roles, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }

        var wanted = roles.Where(CarteroRoles.All.Contains).Distinct().ToList();
        var current = await users.GetRolesAsync(user);
        if (current.Contains(CarteroRoles.Admin) && !wanted.Contains(CarteroRoles.Admin) && await IsLastAdminAsync(user))
        {
            Message = "No se puede quitar el rol admin al último administrador.";
            return RedirectToPage();
        }

        await users.RemoveFromRolesAsync(user, current.Except(wanted));
        await users.AddToRolesAsync(user, wanted.Except(current));
        // The person's open sessions must not keep the old roles: they sign in again and get the new ones.
        await users.UpdateSecurityStampAsync(user);
        await AuditAsync("cambiar_roles", user.Email!, new { antes = current, despues = wanted }, cancellationToken);
        var revoked = current.Contains(CarteroRoles.Admin) && !wanted.Contains(CarteroRoles.Admin)
            ? await apiKeys.RevokeCreatedByAsync(user.UserName!, "ya no es administrador", HttpContext.GetActor(), cancellationToken)
            : 0;
        Message = revoked == 0
            ? $"Roles de {user.Email} actualizados."
            : $"Roles de {user.Email} actualizados; se revocaron las {revoked} claves de API que había creado.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDesactivarAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }

        if ((await users.GetRolesAsync(user)).Contains(CarteroRoles.Admin) && await IsLastAdminAsync(user))
        {
            Message = "No se puede desactivar al último administrador.";
            return RedirectToPage();
        }

        if (user.UserName == User.Identity?.Name)
        {
            Message = "No puede desactivar su propia cuenta.";
            return RedirectToPage();
        }

        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user);
        var revoked = await apiKeys.RevokeCreatedByAsync(user.UserName!, "usuario desactivado", HttpContext.GetActor(), cancellationToken);
        await AuditAsync("desactivar_usuario", user.Email!, new { clavesRevocadas = revoked }, cancellationToken);
        Message = revoked == 0
            ? $"{user.Email} quedó desactivado; sus sesiones abiertas se cerraron."
            : $"{user.Email} quedó desactivado; sus sesiones abiertas se cerraron y se revocaron sus {revoked} claves de API.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDesbloquearAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }

        var wasDeactivated = user.LockoutEnd == DateTimeOffset.MaxValue;
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await AuditAsync(wasDeactivated ? "reactivar_usuario" : "desbloquear_usuario", user.Email!, null, cancellationToken);
        Message = $"{user.Email} puede volver a ingresar.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRestablecerAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }

        var password = NewPassword();
        await users.RemovePasswordAsync(user);
        await users.AddPasswordAsync(user, password);
        await users.UpdateSecurityStampAsync(user);
        await AuditAsync("restablecer_contrasena", user.Email!, null, cancellationToken);
        OneTimePassword = password;
        Message = $"Nueva contraseña temporal de {user.Email}; no se volverá a mostrar.";
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Grants or revokes "puede enviar documentos clínicos" (audited). Only optometrists can use it to send.</summary>
    public async Task<IActionResult> OnPostPermisoClinicoAsync(Guid id, bool conceder, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }

        var changed = await clinicalPermission.SetAsync(user, conceder, HttpContext.GetActor(), cancellationToken);
        var optometrist = await users.IsInRoleAsync(user, CarteroRoles.Optometrista);
        Message = !changed
            ? $"{user.Email} ya estaba así; no se cambió nada."
            : conceder
                ? $"{user.Email} puede enviar documentos clínicos a pacientes que dieron su consentimiento." + (optometrist ? "" : " Necesita además el rol optometrista para enviarlos.")
                : $"{user.Email} ya no puede enviar documentos clínicos.";
        return RedirectToPage();
    }

    private async Task<bool> IsLastAdminAsync(CarteroUser user) =>
        (await users.GetUsersInRoleAsync(CarteroRoles.Admin)).All(u => u.Id == user.Id);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var all = await users.Users.OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var rows = new List<UserRow>(all.Count);
        foreach (var u in all)
        {
            rows.Add(new UserRow(u.Id, u.Email ?? u.UserName ?? "", u.FullName, u.CustomerId, (await users.GetRolesAsync(u)).Order().ToList(),
                u.LockoutEnd is { } end && end > time.GetUtcNow(), u.TwoFactorEnabled, u.LockoutEnd == DateTimeOffset.MaxValue));
        }

        Users = rows;
        ClinicalSenders = await clinicalPermission.HoldersAsync();
        TwoFactorPanelRoles = await twoFactor.PanelRolesAsync(cancellationToken);
        var required = await twoFactor.RequiredRolesAsync(cancellationToken);
        PendingTwoFactor = rows.Count(r => !r.TwoFactor && r.Roles.Any(required.Contains));
    }

    public async Task<IActionResult> OnPostDobleFactorAsync(string[] rolesDobleFactor, CancellationToken cancellationToken)
    {
        var actor = HttpContext.GetActor();
        var chosen = rolesDobleFactor.Where(TwoFactorPolicy.EligibleRoles.Contains).ToList();
        await twoFactor.SetPanelRolesAsync(chosen, actor.Name, actor.Ip, cancellationToken);
        Message = chosen.Count == 0
            ? "La verificación en dos pasos ya no es obligatoria para ningún rol desde el panel."
            : $"Verificación en dos pasos obligatoria para: {string.Join(", ", chosen)}. Quien aún no la tenga deberá activarla al entrar a cualquier página.";
        return RedirectToPage();
    }

    private Task AuditAsync(string action, string target, object? details, CancellationToken cancellationToken)
    {
        var actor = HttpContext.GetActor();
        return audit.RecordAsync(new AuditRecord(actor.Name, actor.Ip, action, target, details), cancellationToken);
    }

    private static string NewPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');

    /// <summary>A row of the user list.</summary>
    public sealed record UserRow(Guid Id, string Email, string FullName, string? CustomerId, IReadOnlyList<string> Roles, bool LockedOut, bool TwoFactor, bool Deactivated);

    /// <summary>The form to create a person.</summary>
    public sealed class NewUser
    {
        [Required(ErrorMessage = "Ingrese el nombre.")]
        [StringLength(200, ErrorMessage = "El nombre admite hasta 200 caracteres.")]
        public string FullName { get; set; } = "";

        [Required(ErrorMessage = "Ingrese el correo.")]
        [EmailAddress(ErrorMessage = "Ingrese un correo válido.")]
        public string Email { get; set; } = "";

        public List<string> Roles { get; set; } = [];

        [StringLength(64, ErrorMessage = "El id de cliente admite hasta 64 caracteres.")]
        public string? CustomerId { get; set; }
    }
}

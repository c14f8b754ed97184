using System.ComponentModel.DataAnnotations;
using Cartero.Features.Users;
using Cartero.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Usuarios;

/// <summary>Admins manage people: create with roles, change roles, unlock, reset a password. The work is <see cref="UserAdministration"/>'s.</summary>
public sealed class IndexModel(UserAdministration admin) : PageModel
{
    /// <summary>Whether invitations by mail can be sent (the panel's public address is configured).</summary>
    public bool InvitationsAvailable => admin.InvitationsAvailable;

    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    /// <summary>People who hold "puede enviar documentos clínicos".</summary>
    public IReadOnlySet<Guid> ClinicalSenders { get; private set; } = new HashSet<Guid>();

    /// <summary>Roles whose people must use the second factor, as ticked in the panel.</summary>
    public IReadOnlySet<string> TwoFactorPanelRoles { get; private set; } = new HashSet<string>();

    /// <summary>Roles fixed by the server's configuration; shown ticked and not editable here.</summary>
    public IReadOnlySet<string> TwoFactorConfiguredRoles => admin.TwoFactorConfiguredRoles;

    /// <summary>People in a role that requires the second factor who have not turned it on yet.</summary>
    public int PendingTwoFactor { get; private set; }

    [BindProperty]
    public NewUser Input { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    /// <summary>A password generated for a person, shown once on this response only.</summary>
    public string? OneTimePassword { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCrearAsync(CancellationToken cancellationToken) =>
        await CreateAsync(admin.CreateAsync, cancellationToken);

    /// <summary>Creates the person without a password and mails them a single-use link to choose their first one.</summary>
    public async Task<IActionResult> OnPostInvitarAsync(CancellationToken cancellationToken)
    {
        if (!InvitationsAvailable)
        {
            ModelState.AddModelError(string.Empty, "Las invitaciones por correo necesitan la dirección pública del panel (Cartero:Accounts:PublicUrl). Configúrela o cree el usuario con contraseña temporal.");
            await LoadAsync(cancellationToken);
            return Page();
        }

        return await CreateAsync(admin.InviteAsync, cancellationToken);
    }

    /// <summary>Checks the form, then lets <paramref name="create"/> make the person; refusals come back as field errors.</summary>
    private async Task<IActionResult> CreateAsync(Func<NewUserRequest, RequestActor, CancellationToken, Task<UserCreation>> create, CancellationToken cancellationToken)
    {
        var request = new NewUserRequest(Input.FullName, Input.Email, Input.Roles, Input.CustomerId);
        AddErrors(UserAdministration.Validate(request));
        if (ModelState.IsValid)
        {
            var created = await create(request, HttpContext.GetActor(), cancellationToken);
            AddErrors(created.Errors);
            if (created.Succeeded)
            {
                OneTimePassword = created.OneTimePassword;
                Message = created.Message;
                Input = new NewUser();
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private void AddErrors(IEnumerable<UserFieldError> errors)
    {
        foreach (var e in errors)
        {
            ModelState.AddModelError(e.Field.Length == 0 ? string.Empty : $"{nameof(Input)}.{e.Field}", e.Message);
        }
    }

    public async Task<IActionResult> OnPostRolesAsync(Guid id, string[] roles, CancellationToken cancellationToken) =>
        Done(await admin.ChangeRolesAsync(id, roles, HttpContext.GetActor(), cancellationToken));

    public async Task<IActionResult> OnPostDesactivarAsync(Guid id, CancellationToken cancellationToken) =>
        Done(await admin.DeactivateAsync(id, HttpContext.GetActor(), cancellationToken));

    public async Task<IActionResult> OnPostDesbloquearAsync(Guid id, CancellationToken cancellationToken) =>
        Done(await admin.UnlockAsync(id, HttpContext.GetActor(), cancellationToken));

    public async Task<IActionResult> OnPostRestablecerAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await admin.ResetPasswordAsync(id, HttpContext.GetActor(), cancellationToken) is not { } reset)
        {
            return NotFound();
        }

        OneTimePassword = reset.OneTimePassword;
        Message = reset.Message;
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Grants or revokes "puede enviar documentos clínicos" (audited). Only optometrists can use it to send.</summary>
    public async Task<IActionResult> OnPostPermisoClinicoAsync(Guid id, bool conceder, CancellationToken cancellationToken) =>
        Done(await admin.SetClinicalPermissionAsync(id, conceder, HttpContext.GetActor(), cancellationToken));

    public async Task<IActionResult> OnPostDobleFactorAsync(string[] rolesDobleFactor, CancellationToken cancellationToken) =>
        Done(await admin.SetTwoFactorRolesAsync(rolesDobleFactor, HttpContext.GetActor(), cancellationToken));

    /// <summary>Shows the outcome on the reloaded list (post-redirect-get), or 404 when the person does not exist.</summary>
    private IActionResult Done(UserActionResult? result)
    {
        if (result is null)
        {
            return NotFound();
        }

        Message = result.Message;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var directory = await admin.ListAsync(cancellationToken);
        Users = directory.Users;
        ClinicalSenders = directory.ClinicalSenders;
        TwoFactorPanelRoles = directory.TwoFactorPanelRoles;
        PendingTwoFactor = directory.PendingTwoFactor;
    }

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

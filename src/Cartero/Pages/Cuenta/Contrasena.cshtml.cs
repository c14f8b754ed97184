using Cartero.Features.Audit;
using Cartero.Platform.Auth;
using Cartero.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Cuenta;

/// <summary>
/// A person changes their own password: the current one proves it is them; the change signs out their other
/// sessions (the security stamp changes) and keeps this one. Audited, never the passwords.
/// </summary>
public sealed class ContrasenaModel(UserManager<CarteroUser> users, SignInManager<CarteroUser> signIn, IAuditTrail audit) : PageModel
{
    [BindProperty]
    public ChangePasswordForm Form { get; set; } = new();

    public bool Changed { get; private set; }

    // The /Cuenta folder is open to anonymous visitors (sign-in); this page asks for a panel user itself.
    public async Task<IActionResult> OnGetAsync() => await users.GetUserAsync(User) is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await users.ChangePasswordAsync(user, Form.Current ?? "", Form.New ?? "");
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? $"{nameof(Form)}.{nameof(Form.Current)}" : $"{nameof(Form)}.{nameof(Form.New)}";
                ModelState.AddModelError(field, error.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                    ? "La contraseña actual no es correcta." : error.Description);
            }

            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        var actor = HttpContext.GetActor();
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.ChangeOwnPassword, user.UserName), cancellationToken);
        Changed = true;
        ModelState.Clear();
        Form = new ChangePasswordForm();
        return Page();
    }
}

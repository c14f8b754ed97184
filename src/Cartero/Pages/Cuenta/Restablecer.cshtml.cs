using System.ComponentModel.DataAnnotations;
using Cartero.Features.Accounts;
using Cartero.Features.Audit;
using Cartero.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Cuenta;

/// <summary>
/// Where a recovery or invitation link lands: the code moves into an encrypted cookie and out of the address bar, then
/// the form sets the password with Identity's reset (which changes the security stamp: the code is spent and every
/// other session of the person ends on its next request).
/// </summary>
public sealed class RestablecerModel(UserManager<CarteroUser> users, ResetCookie cookie, IAuditTrail audit) : PageModel
{
    public const string Spent = "Este enlace venció o ya se usó.";

    [BindProperty]
    public NewPasswordInput Input { get; set; } = new();

    public bool HasLink { get; private set; }

    public string? Problem { get; private set; }

    public IActionResult OnGet()
    {
        // Read from the query, not bound as handler arguments, so the code never reaches a log line about arguments.
        if (Guid.TryParse(Request.Query["usuario"], out var userId) && Request.Query["codigo"].ToString() is { Length: > 0 } code)
        {
            cookie.Write(HttpContext, userId, code);
            return Redirect("/cuenta/restablecer");
        }

        HasLink = cookie.Read(HttpContext) is not null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (cookie.Read(HttpContext) is not { } link || await users.FindByIdAsync(link.UserId.ToString()) is not { } user ||
            user.LockoutEnd == DateTimeOffset.MaxValue)
        {
            ResetCookie.Clear(HttpContext);
            Problem = Spent;
            return Page();
        }

        HasLink = true;
        if (Input.Password != Input.Confirmation)
        {
            ModelState.AddModelError("Input.Confirmation", "Las dos contraseñas no coinciden; escríbala igual en ambos campos.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var hadPassword = await users.HasPasswordAsync(user);
        var result = await users.ResetPasswordAsync(user, link.Code, Input.Password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                ResetCookie.Clear(HttpContext);
                HasLink = false;
                Problem = Spent;
                return Page();
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("Input.Password", error.Description);
            }

            return Page();
        }

        await users.ResetAccessFailedCountAsync(user);
        ResetCookie.Clear(HttpContext);
        await audit.RecordAsync(AuditRecord.Of(user.UserName ?? user.Id.ToString(), HttpContext.Connection.RemoteIpAddress?.ToString(),
            hadPassword ? AuditAction.ResetPasswordWithLink : AuditAction.CreateInitialPassword, user.Email), cancellationToken);
        return Redirect("/cuenta/ingresar?contrasena=actualizada");
    }

    /// <summary>The new password, twice.</summary>
    public sealed class NewPasswordInput
    {
        [Required(ErrorMessage = "Ingrese la contraseña nueva.")]
        [StringLength(256, ErrorMessage = "La contraseña admite hasta 256 caracteres.")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Repita la contraseña nueva.")]
        public string Confirmation { get; set; } = "";
    }
}

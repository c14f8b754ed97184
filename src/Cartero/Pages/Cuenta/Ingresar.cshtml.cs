using System.ComponentModel.DataAnnotations;
using Cartero.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Cartero.Pages.Cuenta;

/// <summary>Sign-in with lockout after repeated failures and a per-address rate limit.</summary>
[EnableRateLimiting(Platform.Web.PanelModule.SignInRateLimit)]
public sealed class IngresarModel(SignInManager<CarteroUser> signIn, FirstRunSetup setup) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool SetupPending => setup.IsPending;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Cuenta/IngresarCodigo", new { ReturnUrl });
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? "La cuenta quedó bloqueada por demasiados intentos fallidos. Intente de nuevo en 15 minutos o pida a un administrador que la desbloquee."
            : result.IsNotAllowed
                ? "Su cuenta no tiene permitido ingresar. Consulte a un administrador."
                : "Correo o contraseña incorrectos.");
        return Page();
    }

    /// <summary>The sign-in form.</summary>
    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Ingrese su correo.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Ingrese su contraseña.")]
        public string Password { get; set; } = "";
    }
}

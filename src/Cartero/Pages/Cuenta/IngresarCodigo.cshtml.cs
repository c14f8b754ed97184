using Cartero.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Cartero.Pages.Cuenta;

/// <summary>The second step of sign-in: the authenticator code, or a recovery code.</summary>
[EnableRateLimiting(Platform.Web.PanelModule.SignInRateLimit)]
public sealed class IngresarCodigoModel(SignInManager<CarteroUser> signIn) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Cuenta/Ingresar") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("/Cuenta/Ingresar");
        }

        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal);
        var result = code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        ModelState.AddModelError(nameof(Code), result.IsLockedOut
            ? "La cuenta quedó bloqueada por demasiados intentos fallidos. Intente de nuevo en 15 minutos."
            : "El código no es correcto. Escriba los 6 dígitos que muestra ahora su aplicación, o un código de recuperación.");
        return Page();
    }
}

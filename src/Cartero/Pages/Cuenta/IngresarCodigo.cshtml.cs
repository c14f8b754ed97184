using Cartero.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Cartero.Pages.Cuenta;

/// <summary>The second step of sign-in: the authenticator code, or a recovery code.</summary>
[EnableRateLimiting(Platform.Web.PanelModule.SignInRateLimit)]
public sealed class IngresarCodigoModel(SignInManager<CarteroUser> signIn, PanelSignIn panelSignIn) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Cuenta/Ingresar") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return RedirectToPage("/Cuenta/Ingresar");
        }

        var outcome = await panelSignIn.SecondFactorAsync(user, Code ?? "", HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        if (outcome.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        if (outcome.Wait is { } wait)
        {
            return IngresarModel.Delayed(this, wait);
        }

        ModelState.AddModelError(nameof(Code), "El código no es correcto. Escriba los 6 dígitos que muestra ahora su aplicación, o un código de recuperación.");
        return Page();
    }
}

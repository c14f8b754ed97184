using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Cartero.Platform.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Cartero.Pages.Cuenta;

/// <summary>Sign-in: a progressive delay after repeated failures (per account and per address) and a per-address rate limit.</summary>
[EnableRateLimiting(Platform.Web.PanelModule.SignInRateLimit)]
public sealed class IngresarModel(PanelSignIn panelSignIn, FirstRunSetup setup) : PageModel
{
    /// <summary>One text for an unknown account and a wrong password, so the answer does not tell which accounts exist.</summary>
    public const string WrongCredentials = "Correo o contraseña incorrectos.";

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool SetupPending => setup.IsPending;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await panelSignIn.PasswordAsync(Input.Email, Input.Password, HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        if (outcome.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        if (outcome.RequiresTwoFactor)
        {
            return RedirectToPage("/Cuenta/IngresarCodigo", new { ReturnUrl });
        }

        if (outcome.Wait is { } wait)
        {
            return Delayed(this, wait);
        }

        ModelState.AddModelError(string.Empty, WrongCredentials);
        return Page();
    }

    /// <summary>The form again with 429 and <c>Retry-After</c>: the attempt was not checked because of earlier failures.</summary>
    internal static IActionResult Delayed(PageModel page, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        page.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        page.ModelState.AddModelError(string.Empty,
            $"Hubo varios intentos fallidos con esta cuenta o desde esta dirección. Espere {seconds} segundos y vuelva a intentarlo; " +
            "si olvidó la contraseña, pida a un administrador que la restablezca.");
        var result = page.Page();
        result.StatusCode = StatusCodes.Status429TooManyRequests;
        return result;
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

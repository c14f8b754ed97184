using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Cartero.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Cartero.Pages.Cuenta;

/// <summary>
/// "¿Olvidó su contraseña?": the same redirect for every valid address, known or not, after the same work (limits and
/// a queue, <see cref="RecoveryRequests"/>); a 429 in Spanish when this address or this IP asked too often.
/// </summary>
public sealed class RecuperarModel(RecoveryRequests requests, IOptions<AccountOptions> options) : PageModel
{
    [BindProperty]
    public RecoveryInput Input { get; set; } = new();

    public bool Available => options.Value.Enabled;

    public int LifetimeMinutes => (int)Math.Round(options.Value.LinkLifetime.TotalMinutes);

    public void OnGet()
    {
    }

    public IActionResult OnPost()
    {
        if (!Available)
        {
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (requests.TryQueue(Input.Email, HttpContext.Connection.RemoteIpAddress?.ToString()) is { } wait)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
            Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            ModelState.AddModelError(string.Empty,
                $"Se pidieron demasiados enlaces para este correo o desde esta dirección. Espere {minutes} minutos y vuelva a intentarlo, " +
                "o pida a un administrador que le envíe uno.");
            var result = Page();
            result.StatusCode = StatusCodes.Status429TooManyRequests;
            return result;
        }

        return Redirect("/cuenta/recuperar/enviado");
    }

    /// <summary>The recovery form.</summary>
    public sealed class RecoveryInput
    {
        [Required(ErrorMessage = "Ingrese el correo de su cuenta.")]
        [EmailAddress(ErrorMessage = "Ingrese un correo válido, por ejemplo nombre@optica.ec.")]
        [StringLength(256, ErrorMessage = "El correo admite hasta 256 caracteres.")]
        public string Email { get; set; } = "";
    }
}

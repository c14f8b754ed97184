using Cartero.Features.Privacy;
using Cartero.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages;

/// <summary>
/// "Mis datos": the signed-in customer downloads what Cartero holds about them. The subject is always the customer
/// linked to the signed-in user; no id is taken from the request, so there is nothing to tamper with.
/// </summary>
public sealed class MisDatosModel(PersonalDataExporter exporter) : PageModel
{
    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var subject = Guid.TryParse(User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var userId)
            ? await exporter.ForUserAsync(userId, cancellationToken)
            : null;
        if (subject is null)
        {
            Problem = "Su cuenta todavía no está vinculada a su ficha de cliente, así que no tenemos datos que entregarle aquí. Pida en el local que la vinculen.";
            return Page();
        }

        await exporter.RecordAsync(subject, HttpContext.GetActor(), reason: null, cancellationToken);
        return new PersonalDataZipResult(exporter, subject);
    }
}

using System.ComponentModel.DataAnnotations;
using Cartero.Features.Privacy;
using Cartero.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Tienda.Clientes;

/// <summary>
/// An admin produces a customer's "Mis datos" for a request that arrived by other means (a letter, at the counter);
/// the reason is required and goes to the audit trail with the admin's name.
/// </summary>
public sealed class DatosModel(PersonalDataExporter exporter) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Escriba el motivo: cómo llegó la solicitud y de quién (por ejemplo, «carta del titular recibida el 1/12»).")]
    [StringLength(500, MinimumLength = 10, ErrorMessage = "El motivo debe tener entre 10 y 500 caracteres; diga cómo llegó la solicitud.")]
    public string? Reason { get; set; }

    public string CustomerName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await exporter.ForCustomerAsync(id, cancellationToken) is not { } subject)
        {
            return NotFound();
        }

        CustomerName = subject.Customer.Names;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await exporter.ForCustomerAsync(id, cancellationToken) is not { } subject)
        {
            return NotFound();
        }

        CustomerName = subject.Customer.Names;
        Reason = Reason?.Trim();
        if (!ModelState.IsValid || string.IsNullOrEmpty(Reason))
        {
            return Page();
        }

        await exporter.RecordAsync(subject, HttpContext.GetActor(), Reason, cancellationToken);
        return new PersonalDataZipResult(exporter, subject);
    }
}

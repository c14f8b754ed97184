using Cartero.Features.Invoicing;
using Cartero.Platform.Auth;
using Cartero.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Facturas;

/// <summary>
/// An admin records that an authorised invoice was annulled in the SRI's portal: the SRI's reference and a
/// confirmation; the invoice becomes <c>anulada</c>, audited, and its RIDE is stamped ANULADA.
/// </summary>
[Authorize(Policy = PanelModule.AdminPolicy)]
public sealed class AnularModel(InvoiceQueries queries, InvoiceSubmissionService submissions) : PageModel
{
    public InvoiceDto? Invoice { get; private set; }

    [BindProperty]
    public string? SriReference { get; set; }

    [BindProperty]
    public bool ConfirmAnnulment { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Invoice = await queries.GetAsync(id, cancellationToken);
        return Invoice is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            if (await submissions.AnnulAsync(id, new InvoiceAnnulRequest(SriReference, ConfirmAnnulment), HttpContext.GetActor(), cancellationToken) is null)
            {
                return NotFound();
            }

            TempData["Message"] = "Anulación registrada: la factura figura como anulada y su RIDE lleva la marca ANULADA.";
            return RedirectToPage("/Facturas/Detalle", new { id });
        }
        catch (InvoiceValidationException ex)
        {
            foreach (var (field, messages) in ex.Errors)
            {
                ModelState.AddModelError(field == "confirm" ? nameof(ConfirmAnnulment) : nameof(SriReference), string.Join(" ", messages));
            }
        }
        catch (InvoiceStateConflictException ex)
        {
            ModelState.AddModelError(nameof(SriReference), ex.Message);
        }

        Invoice = await queries.GetAsync(id, cancellationToken);
        return Invoice is null ? NotFound() : Page();
    }
}

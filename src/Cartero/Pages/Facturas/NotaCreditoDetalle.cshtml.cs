using Cartero.Features.Invoicing.CreditNotes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Facturas;

/// <summary>One nota de crédito: its factura, lines, history with every SRI message, and the authorised XML and RIDE.</summary>
public sealed class NotaCreditoDetalleModel(CreditNoteQueries queries) : PageModel
{
    public CreditNoteDto? Note { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Note = await queries.GetAsync(id, cancellationToken);
        return Note is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnGetXmlAsync(Guid id, CancellationToken cancellationToken) =>
        await queries.AuthorizedXmlAsync(id, cancellationToken) is { Xml: { } xml } found
            ? File(System.Text.Encoding.UTF8.GetBytes(xml), "application/xml", $"nota-credito-{found.Number}.xml")
            : NotFound();

    public async Task<IActionResult> OnGetRideAsync(Guid id, CancellationToken cancellationToken) =>
        await queries.RideAsync(id, cancellationToken) is { Pdf: { } pdf } found
            ? File(pdf, "application/pdf", $"RIDE-nota-credito-{found.Number}.pdf")
            : NotFound();
}

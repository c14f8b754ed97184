using Cartero.Features.Invoicing;
using Cartero.Features.Sending;
using Cartero.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Facturas;

/// <summary>One invoice: its data, its history with every SRI message, the authorised XML and RIDE, and "send again".</summary>
public sealed class DetalleModel(InvoiceQueries queries, InvoiceMailer mailer) : PageModel
{
    public InvoiceDto? Invoice { get; private set; }

    [BindProperty]
    public string? Address { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Invoice = await queries.GetAsync(id, cancellationToken);
        return Invoice is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnGetXmlAsync(Guid id, CancellationToken cancellationToken) =>
        await queries.AuthorizedXmlAsync(id, cancellationToken) is { Xml: { } xml } found
            ? File(System.Text.Encoding.UTF8.GetBytes(xml), "application/xml", $"factura-{found.Number}.xml")
            : NotFound();

    public async Task<IActionResult> OnGetRideAsync(Guid id, CancellationToken cancellationToken) =>
        await queries.RideAsync(id, cancellationToken) is { Pdf: { } pdf } found
            ? File(pdf, "application/pdf", $"RIDE-factura-{found.Number}.pdf")
            : NotFound();

    public async Task<IActionResult> OnPostReenviarAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await mailer.ResendAsync(id, Address, HttpContext.GetActor(), EmailOrigin.Manual, cancellationToken);
            if (outcome is null)
            {
                return NotFound();
            }

            Message = outcome.Value.Detail;
            return RedirectToPage(new { id });
        }
        catch (Exception ex) when (ex is InvoiceStateConflictException or InvoiceAddressInvalidException)
        {
            ModelState.AddModelError(nameof(Address), ex.Message);
            Invoice = await queries.GetAsync(id, cancellationToken);
            return Page();
        }
    }
}

using Cartero.Features.Invoicing;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Platform.Auth;
using Cartero.Platform.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Facturas;

/// <summary>
/// One invoice: its data, its history with every SRI message, the authorised XML and RIDE, "send again", "emitir de
/// nuevo" for the SRI codes a correction cannot fix, a link to record the annulment (admins), and whether it reached the buyer.
/// </summary>
public sealed class DetalleModel(InvoiceQueries queries, InvoiceMailer mailer, InvoiceSubmissionService submissions, InvoiceDeliveryWatch delivery) : PageModel
{
    public InvoiceDto? Invoice { get; private set; }

    /// <summary>Why the invoice has not reached its buyer, when it has not.</summary>
    public UndeliveredInvoice? Undelivered { get; private set; }

    /// <summary>Only "emitir de nuevo" remains: never a resend with the same clave.</summary>
    public bool CanReissue { get; private set; }

    /// <summary>Cartero's own check (the issue date) stopped it before signing: the SRI never saw it.</summary>
    public bool StoppedByCartero => Invoice is { Status: "devuelta" } i && i.LastError?.StartsWith(InvoiceProcessor.StoppedBeforeSigning, StringComparison.Ordinal) == true;

    public bool CanAnnul => Invoice?.Status == "autorizada" && MayIssue;

    /// <summary>
    /// Issuing again makes a new comprobante with a new secuencial: the API's <c>facturas_emitir</c>, which in the panel
    /// is the admin. Gerente and soporte see why the invoice must be issued again, not the form.
    /// </summary>
    public bool MayIssue => User.IsInRole(CarteroRoles.Admin);

    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public string? ReissueNote { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

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
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }
    }

    public async Task<IActionResult> OnPostEmitirDeNuevoAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!MayIssue)
        {
            return Forbid();
        }

        try
        {
            var pair = await submissions.ReissueAsync(id, ReissueNote, HttpContext.GetActor(), cancellationToken);
            if (pair is null)
            {
                return NotFound();
            }

            Message = $"Factura {pair.Value.Replacement.Number} emitida de nuevo con la fecha de hoy; la {pair.Value.Abandoned.Number} quedó abandonada.";
            return RedirectToPage(new { id = pair.Value.Replacement.Id });
        }
        catch (Exception ex) when (ex is InvoiceStateConflictException or InvoicingNotReadyException or Sri.CertificadoInvalidoException)
        {
            ModelState.AddModelError(nameof(ReissueNote), ex.Message);
        }
        catch (InvoiceValidationException ex)
        {
            foreach (var (field, messages) in ex.Errors)
            {
                ModelState.AddModelError(nameof(ReissueNote), $"{field}: {string.Join(" ", messages)}");
            }
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Invoice = await queries.GetAsync(id, cancellationToken);
        if (Invoice is null)
        {
            return false;
        }

        CanReissue = submissions.NeedsReissue(Invoice);
        Undelivered = await delivery.ForInvoiceAsync(id, cancellationToken);
        return true;
    }
}

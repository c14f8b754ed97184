using Cartero.Features.Invoicing;
using Cartero.Features.Invoicing.CreditNotes;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Platform.Auth;
using Cartero.Platform.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Facturas;

/// <summary>
/// One nota de crédito: its factura, lines, history with every SRI message, the authorised XML and RIDE, whether it
/// reached the buyer ("send again"), and for a refused one "corregir y reenviar" or "abandonar", as a factura has.
/// </summary>
public sealed class NotaCreditoDetalleModel(CreditNoteQueries queries, CreditNoteLifecycle lifecycle, InvoiceMailer mailer, InvoiceDeliveryWatch delivery) : PageModel
{
    public CreditNoteDto? Note { get; private set; }

    /// <summary>Why the note has not reached its buyer, when it has not.</summary>
    public UndeliveredInvoice? Undelivered { get; private set; }

    /// <summary>Refused: the note can be corrected (when <see cref="OnlyAbandon"/> is null) or abandoned.</summary>
    public bool Refused { get; private set; }

    /// <summary>Why only abandoning it is left, for a refused note whose clave cannot go to the SRI again.</summary>
    public string? OnlyAbandon { get; private set; }

    /// <summary>Cartero stopped it before signing: it never reached the SRI.</summary>
    public bool StoppedByCartero { get; private set; }

    /// <summary>
    /// Correcting or abandoning changes a comprobante: the API's <c>facturas_emitir</c>, which in the panel is the admin
    /// (who also issues notes). Gerente and soporte see why the note was refused, not the forms.
    /// </summary>
    public bool MayIssue => User.IsInRole(CarteroRoles.Admin);

    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public string? CorrectedReason { get; set; }

    [BindProperty]
    public string? AbandonReason { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetXmlAsync(Guid id, CancellationToken cancellationToken) =>
        await queries.AuthorizedXmlAsync(id, cancellationToken) is { Xml: { } xml } found
            ? File(System.Text.Encoding.UTF8.GetBytes(xml), "application/xml", $"nota-credito-{found.Number}.xml")
            : NotFound();

    public async Task<IActionResult> OnGetRideAsync(Guid id, CancellationToken cancellationToken) =>
        await queries.RideAsync(id, cancellationToken) is { Pdf: { } pdf } found
            ? File(pdf, "application/pdf", $"RIDE-nota-credito-{found.Number}.pdf")
            : NotFound();

    public async Task<IActionResult> OnPostReenviarAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await mailer.ResendCreditNoteAsync(id, Address, HttpContext.GetActor(), EmailOrigin.Manual, cancellationToken);
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

    public async Task<IActionResult> OnPostCorregirAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!MayIssue)
        {
            return Forbid();
        }

        try
        {
            var note = await lifecycle.CorrectAsync(id, CorrectedReason, HttpContext.GetActor(), cancellationToken);
            if (note is null)
            {
                return NotFound();
            }

            Message = $"Nota de crédito {note.Number} corregida: se firma y se envía otra vez al SRI con la misma clave de acceso.";
            return RedirectToPage(new { id });
        }
        catch (InvoiceStateConflictException ex)
        {
            ModelState.AddModelError(nameof(CorrectedReason), ex.Message);
        }
        catch (InvoiceValidationException ex)
        {
            foreach (var messages in ex.Errors.Values)
            {
                ModelState.AddModelError(nameof(CorrectedReason), string.Join(" ", messages));
            }
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAbandonarAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!MayIssue)
        {
            return Forbid();
        }

        try
        {
            var closed = await lifecycle.AbandonAsync(id, AbandonReason, HttpContext.GetActor(), cancellationToken);
            if (closed is null)
            {
                return NotFound();
            }

            Message = $"Nota de crédito {closed.Value.Note.Number} abandonada. De la factura {closed.Value.Note.InvoiceNumber} quedan " +
                $"{closed.Value.Remaining.ToString("C2", Platform.Web.EcuadorTime.Culture)} por acreditar.";
            return RedirectToPage(new { id });
        }
        catch (InvoiceStateConflictException ex)
        {
            ModelState.AddModelError(nameof(AbandonReason), ex.Message);
        }
        catch (InvoiceValidationException ex)
        {
            foreach (var messages in ex.Errors.Values)
            {
                ModelState.AddModelError(nameof(AbandonReason), string.Join(" ", messages));
            }
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Note = await queries.GetAsync(id, cancellationToken);
        if (Note is null)
        {
            return false;
        }

        // Only a refused note needs what the DTO leaves out (its stored refusal) to say what can become of it.
        if ((Note.Status == InvoiceStatus.Devuelta.ToCode() || Note.Status == InvoiceStatus.NoAutorizada.ToCode()) && await queries.FindAsync(id, cancellationToken) is { } stored && CreditNoteClosing.IsRefused(stored))
        {
            Refused = true;
            OnlyAbandon = lifecycle.WhyOnlyAbandon(stored);
            StoppedByCartero = CreditNoteClosing.StoppedByCartero(stored);
        }

        Undelivered = await delivery.ForInvoiceAsync(id, cancellationToken);
        return true;
    }
}

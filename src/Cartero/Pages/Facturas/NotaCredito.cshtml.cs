using Cartero.Features.Invoicing;
using Cartero.Features.Invoicing.CreditNotes;
using Cartero.Platform.Auth;
using Cartero.Platform.Web;
using Cartero.Sri;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Facturas;

/// <summary>"Emitir nota de crédito" from an authorised factura: all that remains or chosen lines and quantities, the motivo, a confirmation.</summary>
public sealed class NotaCreditoModel(InvoiceQueries invoices, CreditNoteQueries notes, CreditNoteService service) : PageModel
{
    public const string Whole = "total";
    public const string Some = "lineas";

    public InvoiceDto? Invoice { get; private set; }

    public CreditNoteBalance? Balance { get; private set; }

    [BindProperty]
    public string? Motivo { get; set; }

    [BindProperty]
    public string Alcance { get; set; } = Whole;

    /// <summary>Quantity to credit per line of the factura, in its order; empty or 0 leaves the line out.</summary>
    [BindProperty]
    public List<decimal?> Cantidades { get; set; } = [];

    [BindProperty]
    public bool Confirmo { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        List<CreditNoteLineRequest>? lines = null;
        if (Alcance == Some)
        {
            lines = [.. Cantidades.Select((q, i) => (q, i)).Where(x => x.q is > 0).Select(x => new CreditNoteLineRequest(x.i + 1, x.q))];
            if (lines.Count == 0)
            {
                ModelState.AddModelError(nameof(Cantidades), "Indique la cantidad a acreditar de al menos una línea, o elija «todo lo que queda».");
            }
        }

        if (!Confirmo)
        {
            ModelState.AddModelError(nameof(Confirmo), "Confirme que desea emitir la nota de crédito: se firma y se envía al SRI, y no se puede deshacer.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var created = await service.CreateAsync(id, new CreditNoteRequest(Motivo, lines), HttpContext.GetActor(), cancellationToken);
            if (created is not { } c)
            {
                return NotFound();
            }

            Message = $"Nota de crédito {c.Note.Number} por {c.Note.Total.ToString("C2", EcuadorTime.Culture)} registrada; se firma y se envía al SRI. " +
                $"Queda {c.Remaining.ToString("C2", EcuadorTime.Culture)} por acreditar de la factura.";
            return RedirectToPage("/Facturas/NotaCreditoDetalle", new { id = c.Note.Id });
        }
        catch (InvoiceValidationException ex)
        {
            foreach (var (field, messages) in ex.Errors)
            {
                var key = field == "reason" ? nameof(Motivo) : field.StartsWith("lines", StringComparison.Ordinal) ? nameof(Cantidades) : "";
                foreach (var message in messages)
                {
                    ModelState.AddModelError(key, message);
                }
            }
        }
        catch (Exception ex) when (ex is CreditNoteExceedsInvoiceException or InvoiceStateConflictException or InvoicingNotReadyException or CertificadoInvalidoException)
        {
            ModelState.AddModelError("", ex.Message);
        }

        await LoadAsync(id, cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Invoice = await invoices.GetAsync(id, cancellationToken);
        if (Invoice is null)
        {
            return false;
        }

        Balance = Invoice.Status == "autorizada" ? await notes.BalanceAsync(id, cancellationToken) : null;
        return true;
    }
}

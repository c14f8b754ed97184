using System.Globalization;
using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Features.Invoicing;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Platform.Auth;
using Cartero.Platform.Export;
using Cartero.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Facturas;

/// <summary>
/// "Comprobantes sin entregar": authorised invoices that have not reached their buyer (no address, refused, failed,
/// bounced, or no delivery confirmed within the deadline), with a filter by reason, a CSV export (audited) and
/// "corregir correo y reenviar" on each row.
/// </summary>
[Authorize(Policy = PanelModule.AdminPolicy)]
public sealed class SinEntregarModel(InvoiceDeliveryWatch watch, InvoiceMailer mailer, IAuditTrail audit, TimeProvider time) : PageModel
{
    public static readonly string[] Columns =
    [
        "id", "numero", "fecha_emision", "fecha_autorizacion", "comprador_razon_social", "comprador_correo", "importe_total",
        "originado_por", "estado_correo", "id_correo", "estado_envio", "motivo", "error_envio", "tipo",
    ];

    [BindProperty(SupportsGet = true, Name = "motivo")]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Address { get; set; }

    [TempData]
    public string? Message { get; set; }

    public IReadOnlyList<UndeliveredInvoice> Items { get; private set; } = [];

    public Guid? FailedId { get; private set; }

    /// <summary>More than <see cref="InvoiceDeliveryWatch.MaxRows"/> match: only the oldest are shown.</summary>
    public bool Truncated { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetExportarAsync(CancellationToken cancellationToken)
    {
        if (!UndeliveredReasons.TryParse(Reason, out var reason))
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        // The page is cut at MaxRows for reading; the export is the whole obligation, for whoever works through it.
        var rows = await watch.ListAsync(reason, null, int.MaxValue, cancellationToken);
        var stamp = time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"comprobantes-sin-entregar-{stamp}.csv\"";
        var count = await CsvTable.WriteAsync(Response.Body, Columns, rows.ToAsyncEnumerable(), Values, cancellationToken);
        var actor = HttpContext.GetActor();
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.ExportUndelivered, "factura",
            new ExportUndeliveredDetails(reason, count)), cancellationToken);
        return new EmptyResult();
    }

    /// <param name="tipo"><see cref="UndeliveredInvoice.NotaCredito"/> for a nota de crédito; a factura otherwise.</param>
    public async Task<IActionResult> OnPostReenviarAsync(Guid id, string? tipo, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = tipo == UndeliveredInvoice.NotaCredito
                ? await mailer.ResendCreditNoteAsync(id, Address, HttpContext.GetActor(), EmailOrigin.Manual, cancellationToken)
                : await mailer.ResendAsync(id, Address, HttpContext.GetActor(), EmailOrigin.Manual, cancellationToken);
            if (outcome is null)
            {
                return NotFound();
            }

            Message = outcome.Value.Detail;
            return RedirectToPage(new { motivo = Reason });
        }
        catch (Exception ex) when (ex is InvoiceStateConflictException or InvoiceAddressInvalidException)
        {
            ModelState.AddModelError(nameof(Address), ex.Message);
            FailedId = id;
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (!UndeliveredReasons.TryParse(Reason, out var reason))
        {
            ModelState.AddModelError("motivo", $"Motivo «{Reason}» desconocido: elija uno de la lista.");
            return;
        }

        var items = await watch.ListAsync(reason, null, InvoiceDeliveryWatch.MaxRows + 1, cancellationToken);
        Truncated = items.Count > InvoiceDeliveryWatch.MaxRows;
        Items = Truncated ? [.. items.Take(InvoiceDeliveryWatch.MaxRows)] : items;
    }

    private static string?[] Values(UndeliveredInvoice u) =>
    [
        u.Id.ToString(), u.Number, u.IssueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), EcuadorTime.IsoWithOffset(u.AuthorizedAt),
        u.BuyerName, u.BuyerEmail, u.Total.ToString("0.00", CultureInfo.InvariantCulture), u.OriginatedBy, u.MailStatus, u.EmailId?.ToString(),
        u.EmailStatus, u.Reason, u.EmailError, u.Kind,
    ];
}

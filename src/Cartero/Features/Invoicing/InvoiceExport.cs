using System.Globalization;
using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Platform.Auth;
using Cartero.Platform.Export;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Invoicing;

/// <summary>
/// The invoices of a filter as CSV, columns named as in <c>factura</c>, for the accountant's reconciliation with the
/// SRI's reports; streamed, and recorded in the audit trail (who, which filter, how many rows).
/// </summary>
public sealed class InvoiceExport(InvoiceQueries queries, IAuditTrail audit, TimeProvider time)
{
    public static readonly string[] Columns =
    [
        "id", "fecha_hora", "estado", "ambiente", "establecimiento", "punto_emision", "secuencial", "clave_acceso", "fecha_emision",
        "ruc_emisor", "razon_social_emisor", "comprador_tipo_identificacion", "comprador_identificacion", "comprador_razon_social",
        "comprador_correo", "importe_total", "numero_autorizacion", "fecha_autorizacion", "estado_correo", "id_correo",
        "referencia_externa", "originado_por", "mensaje_error",
        // Human columns beside the codes (CodeLabels); the code columns above stay as stored.
        "estado_texto", "estado_correo_texto",
    ];

    public async Task WriteAsync(InvoiceFilter filter, HttpContext http, CancellationToken cancellationToken)
    {
        var stamp = time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"factura-{stamp}.csv\"";
        var rows = await CsvTable.WriteAsync(http.Response.Body, Columns,
            queries.Filtered(filter).OrderByDescending(i => i.Id).AsAsyncEnumerable(), Values, cancellationToken);
        var actor = http.GetActor();
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.ExportInvoices, "factura",
            new ExportInvoicesDetails(new InvoiceExportFilterDetails(filter.Status?.ToCode(), filter.Reference, filter.AccessKey, filter.From, filter.Until), rows)), cancellationToken);
    }

    private static string?[] Values(Invoice i) =>
    [
        i.Id.ToString(), Iso(i.CreatedAt), i.Status.ToCode(), i.Environment, i.Establishment, i.EmissionPoint,
        i.Sequential.ToString("000000000", CultureInfo.InvariantCulture), i.AccessKey, i.IssueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        i.IssuerRuc, i.IssuerName, i.BuyerIdType, i.BuyerId, i.BuyerName, i.BuyerEmail, i.Total.ToString("0.00", CultureInfo.InvariantCulture),
        i.AuthorizationNumber, Iso(i.AuthorizedAt), i.MailStatus, i.EmailId?.ToString(), i.ExternalReference, i.OriginatedBy, i.LastError,
        Platform.Web.CodeLabels.InvoiceState(i.Status.ToCode()), Platform.Web.CodeLabels.InvoiceMailState(i.MailStatus),
    ];

    private static string? Iso(DateTime? utc) => Platform.Web.EcuadorTime.IsoWithOffset(utc);
}

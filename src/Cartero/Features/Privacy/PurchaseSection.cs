using System.Text.Json;
using Cartero.Features.Store;
using Cartero.Platform.Data;
using Cartero.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Privacy;

/// <summary>
/// The person's purchases at the counter (<c>venta</c> with its lines and payments) and, for those that did not become
/// an electronic invoice, the receipt PDF as "Mis correos" gives it.
/// </summary>
internal sealed class PurchaseSection(CarteroDbContext db, StoreIssuer issuers) : IPersonalDataSection
{
    private const int PageSize = 50;

    public string Key => "compras";

    public string Title => "Sus compras y comprobantes";

    public async Task WriteJsonAsync(DataSubject subject, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        json.WriteStartArray();
        await foreach (var s in PagesAsync(subject, cancellationToken))
        {
            json.WriteStartObject();
            json.WriteString("id", s.Id);
            json.WriteString("numero", s.Number);
            json.WriteString("fecha_hora", EcuadorTime.IsoWithOffset(s.CreatedAt));
            json.WriteNumber("subtotal", s.Subtotal);
            json.WriteNumber("descuento", s.Discount);
            json.WriteNumber("iva", s.Tax);
            json.WriteNumber("total", s.Total);
            json.WriteString("correo_destino", s.MailAddress);
            json.WriteString("factura_id", s.InvoiceId?.ToString());
            json.WriteString("comprobante", s.InvoiceId is null ? $"comprobantes/comprobante-{s.Number}.pdf" : null);
            json.WriteStartArray("lineas");
            foreach (var l in s.Lines)
            {
                json.WriteStartObject();
                json.WriteString("codigo", l.Code);
                json.WriteString("descripcion", l.Description);
                json.WriteNumber("cantidad", l.Quantity);
                json.WriteNumber("precio_unitario", l.UnitPrice);
                json.WriteNumber("descuento", l.Discount);
                json.WriteNumber("precio_total_sin_impuesto", l.LineTotal);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("pagos");
            foreach (var p in s.Payments)
            {
                json.WriteStartObject();
                json.WriteString("forma_pago", p.Method);
                json.WriteNumber("total", p.Amount);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            await json.FlushAsync(cancellationToken);
        }

        json.WriteEndArray();
    }

    public async Task WriteSummaryAsync(DataSubject subject, SummaryWriter html, CancellationToken cancellationToken)
    {
        var any = false;
        await foreach (var s in PagesAsync(subject, cancellationToken))
        {
            if (!any)
            {
                await html.TableStartAsync("Fecha", "Número", "Productos", "Total", "Documento");
                any = true;
            }

            var lines = string.Join("; ", s.Lines.Select(l => $"{l.Quantity} × {l.Description}"));
            await html.RowAsync(SummaryWriter.Date(s.CreatedAt), s.Number, lines, SummaryWriter.Money(s.Total), s.InvoiceId is null ? "comprobante de venta (no es factura electrónica)" : "factura electrónica");
        }

        if (any)
        {
            await html.TableEndAsync();
        }
        else
        {
            await html.ParagraphAsync("No tiene compras registradas.");
        }
    }

    public async Task WriteFilesAsync(DataSubject subject, ExportFiles files, CancellationToken cancellationToken)
    {
        // The same issuer the receipt named when it was mailed (and as "Mis correos" re-draws it).
        var (issuer, ruc) = await issuers.ResolveAsync(cancellationToken);
        await foreach (var sale in PagesAsync(subject, cancellationToken))
        {
            if (sale.InvoiceId is null)
            {
                var pdf = ReceiptPdf.Generate(sale, issuer, ruc, subject.Customer.Names, subject.Customer.IdNumber);
                await files.AddAsync($"comprobantes/comprobante-{sale.Number}.pdf", pdf, compress: false, cancellationToken);
            }
        }
    }

    private async IAsyncEnumerable<Sale> PagesAsync(DataSubject subject, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var id = subject.Customer.Id;
        var theirs = db.Sales.AsNoTracking().Where(s => s.CustomerId == id);
        var rows = KeysetPages.RowsAsync(theirs, s => s.Id, q => q.Include(s => s.Lines).Include(s => s.Payments).AsSplitQuery(), s => s.Id, PageSize, cancellationToken);
        await foreach (var sale in rows)
        {
            yield return sale;
        }
    }
}

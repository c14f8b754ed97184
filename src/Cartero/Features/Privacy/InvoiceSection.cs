using System.Text;
using System.Text.Json;
using Cartero.Features.Invoicing;
using Cartero.Features.Store;
using Cartero.Platform.Data;
using Cartero.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Privacy;

/// <summary>
/// The person's electronic invoices: every one issued to them, and for the authorised ones the authorised XML and the
/// RIDE, the two documents the tax law gives them. An invoice is theirs when it names this customer, or (for invoices the
/// ERP issued) their identification number; never by "consumidor final", which many people share.
/// </summary>
internal sealed class InvoiceSection(CarteroDbContext db, InvoiceQueries invoices) : IPersonalDataSection
{
    private const int PageSize = 100;

    public string Key => "facturas";

    public string Title => "Sus facturas electrónicas";

    public async Task WriteJsonAsync(DataSubject subject, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        json.WriteStartArray();
        await foreach (var i in PagesAsync(subject, cancellationToken))
        {
            json.WriteStartObject();
            json.WriteString("id", i.Id);
            json.WriteString("numero", i.Number);
            json.WriteString("clave_acceso", i.AccessKey);
            json.WriteString("fecha_emision", i.IssueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("estado", i.Status.ToCode());
            json.WriteString("numero_autorizacion", i.AuthorizationNumber);
            json.WriteString("fecha_autorizacion", EcuadorTime.IsoWithOffset(i.AuthorizedAt));
            json.WriteString("emisor", i.IssuerName);
            json.WriteString("ruc_emisor", i.IssuerRuc);
            json.WriteString("comprador", i.BuyerName);
            json.WriteString("identificacion_comprador", i.BuyerId);
            json.WriteString("correo_comprador", i.BuyerEmail);
            json.WriteNumber("total", i.Total);
            json.WriteString("archivos", i.Status == InvoiceStatus.Autorizada ? $"facturas/factura-{i.Number}.xml, facturas/RIDE-factura-{i.Number}.pdf" : null);
            json.WriteEndObject();
            await json.FlushAsync(cancellationToken);
        }

        json.WriteEndArray();
    }

    public async Task WriteSummaryAsync(DataSubject subject, SummaryWriter html, CancellationToken cancellationToken)
    {
        var any = false;
        await foreach (var i in PagesAsync(subject, cancellationToken))
        {
            if (!any)
            {
                await html.TableStartAsync("Fecha de emisión", "Número", "Clave de acceso", "Estado", "Total");
                any = true;
            }

            await html.RowAsync(i.IssueDate.ToString("dd/MM/yyyy", EcuadorTime.Culture), i.Number, i.AccessKey, i.Status.ToCode(), SummaryWriter.Money(i.Total));
        }

        if (any)
        {
            await html.TableEndAsync();
            await html.ParagraphAsync("El XML autorizado y el RIDE de cada factura autorizada están en la carpeta facturas/ del ZIP.");
        }
        else
        {
            await html.ParagraphAsync("No tiene facturas electrónicas.");
        }
    }

    public async Task WriteFilesAsync(DataSubject subject, ExportFiles files, CancellationToken cancellationToken)
    {
        await foreach (var i in PagesAsync(subject, cancellationToken))
        {
            // An invoice annulled later in the SRI's portal was authorised: it is theirs too, its RIDE stamped ANULADA.
            if (i.Status is not (InvoiceStatus.Autorizada or InvoiceStatus.Anulada))
            {
                continue;
            }

            // One document at a time: the XML is read, written and dropped before the next invoice. The RIDE is the one
            // "Mis correos" gives (the punto's layout, the logo, the annulment mark).
            if (await invoices.AuthorizedXmlAsync(i.Id, cancellationToken) is { Xml: { } xml }
                && await invoices.RideAsync(i.Id, cancellationToken) is { Pdf: { } ride })
            {
                await files.AddAsync($"facturas/factura-{i.Number}.xml", Encoding.UTF8.GetBytes(xml), compress: true, cancellationToken);
                await files.AddAsync($"facturas/RIDE-factura-{i.Number}.pdf", ride, compress: false, cancellationToken);
            }
        }
    }

    private async IAsyncEnumerable<InvoiceRow> PagesAsync(DataSubject subject, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var key = subject.CustomerKey;
        var idNumber = subject.Customer.IdType == IdentificationTypes.ConsumidorFinal ? null : subject.Customer.IdNumber;
        var theirs = db.Invoices.AsNoTracking().Where(i => i.CustomerId == key || (idNumber != null && i.BuyerId == idNumber));
        var rows = KeysetPages.RowsAsync(theirs, i => i.Id, q => q.Select(i => new InvoiceRow(
            i.Id, i.Establishment + "-" + i.EmissionPoint, i.Sequential, i.AccessKey, i.IssueDate, i.Status, i.AuthorizationNumber, i.AuthorizedAt,
            i.IssuerName, i.IssuerRuc, i.BuyerName, i.BuyerId, i.BuyerEmail, i.Total)), r => r.Id, PageSize, cancellationToken);
        await foreach (var row in rows)
        {
            yield return row;
        }
    }

    private sealed record InvoiceRow(
        Guid Id, string Prefix, long Sequential, string AccessKey, DateOnly IssueDate, InvoiceStatus Status, string? AuthorizationNumber, DateTime? AuthorizedAt,
        string IssuerName, string IssuerRuc, string BuyerName, string BuyerId, string? BuyerEmail, decimal Total)
    {
        public string Number => $"{Prefix}-{Sequential:000000000}";
    }
}

using System.Text.Json;
using Cartero.Features.Store;
using Cartero.Platform.Data;
using Cartero.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Privacy;

/// <summary>The person's lens orders (<c>pedido</c>) and each change of state; who at the store moved it is staff data, not theirs.</summary>
internal sealed class LensOrderSection(CarteroDbContext db) : IPersonalDataSection
{
    private const int PageSize = 100;

    public string Key => "pedidos";

    public string Title => "Sus pedidos de lentes";

    public async Task WriteJsonAsync(DataSubject subject, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        json.WriteStartArray();
        await foreach (var o in PagesAsync(subject, cancellationToken))
        {
            json.WriteStartObject();
            json.WriteString("id", o.Id);
            json.WriteString("numero", o.Number);
            json.WriteString("fecha_hora", EcuadorTime.IsoWithOffset(o.CreatedAt));
            json.WriteString("venta_id", o.SaleId);
            json.WriteString("receta_referencia", o.PrescriptionReference);
            json.WriteString("laboratorio", o.Laboratory);
            json.WriteString("estado", o.Status);
            json.WriteString("fecha_estimada", o.EstimatedDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStartArray("eventos");
            foreach (var e in o.Events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id))
            {
                json.WriteStartObject();
                json.WriteString("fecha_hora", EcuadorTime.IsoWithOffset(e.OccurredAt));
                json.WriteString("estado", e.Status);
                json.WriteString("detalle", e.Detail);
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
        await foreach (var o in PagesAsync(subject, cancellationToken))
        {
            if (!any)
            {
                await html.TableStartAsync("Fecha", "Número", "Laboratorio", "Receta", "Estado", "Historia");
                any = true;
            }

            var history = string.Join(" · ", o.Events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).Select(e => $"{SummaryWriter.Date(e.OccurredAt)} {e.Status}"));
            await html.RowAsync(SummaryWriter.Date(o.CreatedAt), o.Number, o.Laboratory, o.PrescriptionReference, o.Status, history);
        }

        if (any)
        {
            await html.TableEndAsync();
        }
        else
        {
            await html.ParagraphAsync("No tiene pedidos de lentes.");
        }
    }

    public Task WriteFilesAsync(DataSubject subject, ExportFiles files, CancellationToken cancellationToken) => Task.CompletedTask;

    private async IAsyncEnumerable<LensOrder> PagesAsync(DataSubject subject, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var id = subject.Customer.Id;
        var theirs = db.LensOrders.AsNoTracking().Where(o => o.CustomerId == id);
        await foreach (var order in KeysetPages.RowsAsync(theirs, o => o.Id, q => q.Include(o => o.Events).AsSplitQuery(), o => o.Id, PageSize, cancellationToken))
        {
            yield return order;
        }
    }
}

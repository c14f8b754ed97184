using Cartero.Platform.Data;
using Cartero.Sri;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Invoicing.CreditNotes;

/// <summary>Reads notas de crédito for the API and the panel.</summary>
public sealed class CreditNoteQueries(CarteroDbContext db, RideRenderer rides)
{
    public async Task<CreditNoteDto?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var note = await db.CreditNotes.AsNoTracking().Include(n => n.Lines).FirstOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (note is null)
        {
            return null;
        }

        var events = await db.CreditNoteEvents.AsNoTracking().Where(e => e.CreditNoteId == id).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        return CreditNoteDto.From(note, [.. events.Select(e => new InvoiceEventDto(e.OccurredAt, e.Status.ToCode(), e.PreviousStatus?.ToCode(), e.Detail,
            e.SriMessages is null ? [] : e.SriMessages.Split('\n'), e.Actor))]);
    }

    /// <summary>The stored note without its lines and history (for the rules of <see cref="CreditNoteClosing"/>), or null.</summary>
    public Task<CreditNote?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.CreditNotes.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, cancellationToken);

    /// <summary>The notes of one factura, oldest first; null when there is no such factura.</summary>
    public async Task<IReadOnlyList<CreditNoteDto>?> ListByInvoiceAsync(Guid invoiceId, CancellationToken cancellationToken)
    {
        if (!await db.Invoices.AnyAsync(i => i.Id == invoiceId, cancellationToken))
        {
            return null;
        }

        var notes = await db.CreditNotes.AsNoTracking().Include(n => n.Lines).Where(n => n.InvoiceId == invoiceId)
            .OrderBy(n => n.Id).ToListAsync(cancellationToken);
        return [.. notes.Select(n => CreditNoteDto.From(n, null))];
    }

    /// <summary>What the factura sold, what its notes credited and what remains; null when there is no such factura.</summary>
    public async Task<CreditNoteBalance?> BalanceAsync(Guid invoiceId, CancellationToken cancellationToken)
    {
        var invoice = await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.Id == invoiceId, cancellationToken);
        if (invoice is null)
        {
            return null;
        }

        var factura = CreditNoteService.FacturaOf(invoice);
        var ledger = await CreditNoteLedger.ReadAsync(db, invoiceId, cancellationToken);
        var lines = factura.Detalles.Select((d, i) => new CreditNoteBalanceLine(i + 1, d.CodigoPrincipal, d.Descripcion, d.Cantidad, d.PrecioUnitario,
            ledger.QuantityOf(i + 1), d.Cantidad - ledger.QuantityOf(i + 1))).ToList();
        return new CreditNoteBalance(invoice.Total, ledger.Total, invoice.Total - ledger.Total, lines);
    }

    /// <summary>The authorised XML (the &lt;autorizacion&gt; the SRI returned), or null while not authorised.</summary>
    public async Task<(string Number, string? Xml)?> AuthorizedXmlAsync(Guid id, CancellationToken cancellationToken) =>
        await db.CreditNotes.AsNoTracking().Where(n => n.Id == id)
            .Select(n => new { n.Establishment, n.EmissionPoint, n.Sequential, n.AuthorizedXml }).FirstOrDefaultAsync(cancellationToken) is { } row
            ? ($"{row.Establishment}-{row.EmissionPoint}-{row.Sequential:000000000}", row.AuthorizedXml)
            : null;

    /// <summary>The RIDE of an authorised note as its punto de emisión prints it (layout and logo).</summary>
    public async Task<(string Number, byte[]? Pdf)?> RideAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await db.CreditNotes.AsNoTracking().Where(n => n.Id == id)
            .Select(n => new { n.Establishment, n.EmissionPoint, n.Sequential, n.AuthorizedXml }).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var number = $"{row.Establishment}-{row.EmissionPoint}-{row.Sequential:000000000}";
        return (number, row.AuthorizedXml is null ? null
            : await rides.RenderAsync(row.Establishment, row.EmissionPoint, System.Text.Encoding.UTF8.GetBytes(row.AuthorizedXml), cancellationToken));
    }
}

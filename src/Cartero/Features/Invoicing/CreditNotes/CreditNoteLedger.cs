using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Invoicing.CreditNotes;

/// <summary>
/// What the notas de crédito of one factura have credited so far, in total and per line: every note counts whatever its
/// state (a devuelta one may still be corrected and authorised), except an abandoned one, which never will be.
/// </summary>
internal sealed class CreditNoteLedger
{
    private readonly Dictionary<int, (decimal Quantity, decimal Discount)> _lines;

    private CreditNoteLedger(decimal total, Dictionary<int, (decimal, decimal)> lines)
    {
        Total = total;
        _lines = lines;
    }

    public decimal Total { get; }

    public decimal QuantityOf(int line) => _lines.TryGetValue(line, out var l) ? l.Quantity : 0m;

    public decimal DiscountOf(int line) => _lines.TryGetValue(line, out var l) ? l.Discount : 0m;

    // Summed here rather than in SQL: SQLite cannot aggregate decimals.
    public static async Task<CreditNoteLedger> ReadAsync(CarteroDbContext db, Guid invoiceId, CancellationToken cancellationToken)
    {
        var totals = await db.CreditNotes.AsNoTracking().Where(n => n.InvoiceId == invoiceId && n.Status != InvoiceStatus.Abandonada).Select(n => n.Total).ToListAsync(cancellationToken);
        var lines = await db.CreditNoteLines.AsNoTracking()
            .Where(l => db.CreditNotes.Any(n => n.Id == l.CreditNoteId && n.InvoiceId == invoiceId && n.Status != InvoiceStatus.Abandonada))
            .Select(l => new { l.InvoiceLine, l.Quantity, l.Discount }).ToListAsync(cancellationToken);
        return new CreditNoteLedger(totals.Sum(),
            lines.GroupBy(l => l.InvoiceLine).ToDictionary(g => g.Key, g => (g.Sum(l => l.Quantity), g.Sum(l => l.Discount))));
    }

    /// <summary>What of the factura's total is still free for another nota de crédito.</summary>
    public static async Task<decimal> RemainingAsync(CarteroDbContext db, Guid invoiceId, CancellationToken cancellationToken)
    {
        var total = await db.Invoices.AsNoTracking().Where(i => i.Id == invoiceId).Select(i => i.Total).FirstAsync(cancellationToken);
        return total - (await ReadAsync(db, invoiceId, cancellationToken)).Total;
    }
}

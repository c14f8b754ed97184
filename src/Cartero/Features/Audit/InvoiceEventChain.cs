using Cartero.Features.Invoicing;

namespace Cartero.Features.Audit;

/// <summary>
/// The chain of each invoice's history (<c>factura_evento</c>): an event's HMAC covers its fields, the invoice, its
/// position and the previous event of the same invoice; the <c>factura</c> row keeps the count and the head.
/// </summary>
public static class InvoiceEventChain
{
    public const string Name = "factura_evento";

    /// <summary>Signs <paramref name="evt"/> as the next event of <paramref name="invoice"/> and moves the invoice's head.</summary>
    public static void Append(ChainKeys keys, Invoice invoice, InvoiceEvent evt)
    {
        var (id, key) = keys.Current;
        evt.Sequence = invoice.EventCount + 1;
        evt.KeyId = id;
        evt.Hash = Compute(key, evt, invoice.EventsHead ?? ChainMac.Genesis);
        invoice.EventCount = evt.Sequence.Value;
        invoice.EventsHead = evt.Hash;
    }

    public static string Compute(byte[] key, InvoiceEvent e, string previous) => ChainMac.Compute(key,
        Name, e.InvoiceId.ToString(), ChainMac.Format(e.Sequence), ChainMac.Format(e.OccurredAt), e.Status.ToCode(), e.PreviousStatus?.ToCode(),
        e.Detail, e.SriMessages, e.Actor, e.KeyId, previous);
}

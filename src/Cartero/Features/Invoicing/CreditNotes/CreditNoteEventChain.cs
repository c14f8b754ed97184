using Cartero.Features.Audit;

namespace Cartero.Features.Invoicing.CreditNotes;

/// <summary>The keyed chain of <c>nota_credito_evento</c>, built exactly like the factura's (<see cref="InvoiceEventChain"/>).</summary>
public static class CreditNoteEventChain
{
    public const string Name = "nota_credito_evento";

    /// <summary>Signs <paramref name="evt"/> as the next event of <paramref name="note"/> and moves the note's head.</summary>
    public static void Append(ChainKeys keys, CreditNote note, CreditNoteEvent evt)
    {
        var (id, key) = keys.Current;
        evt.Sequence = note.EventCount + 1;
        evt.KeyId = id;
        evt.Hash = Compute(key, evt, note.EventsHead ?? ChainMac.Genesis);
        note.EventCount = evt.Sequence.Value;
        note.EventsHead = evt.Hash;
    }

    public static string Compute(byte[] key, CreditNoteEvent e, string previous) => ChainMac.Compute(key,
        Name, e.CreditNoteId.ToString(), ChainMac.Format(e.Sequence), ChainMac.Format(e.OccurredAt), e.Status.ToCode(), e.PreviousStatus?.ToCode(),
        e.Detail, e.SriMessages, e.Actor, e.KeyId, previous);
}

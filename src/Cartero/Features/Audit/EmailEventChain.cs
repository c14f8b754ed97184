using Cartero.Features.Sending;

namespace Cartero.Features.Audit;

/// <summary>
/// The chain of each email's history: an event's HMAC covers its fields, the email it belongs to, its position and the
/// previous event of the same email; the email row keeps the count and the head. Per email, so concurrent workers and
/// instances never wait on one another, and the worker needs no extra read (it already holds the row it claimed).
/// </summary>
public static class EmailEventChain
{
    public const string Name = "log_envio_correo_evento";

    /// <summary>Signs <paramref name="evt"/> as the next event of <paramref name="entry"/> and moves the entry's head.</summary>
    public static void Append(ChainKeys keys, EmailLogEntry entry, EmailLogEvent evt)
    {
        var (id, key) = keys.Current;
        evt.Sequence = entry.EventCount + 1;
        evt.KeyId = id;
        evt.Hash = Compute(key, evt, entry.EventsHead ?? ChainMac.Genesis);
        entry.EventCount = evt.Sequence.Value;
        entry.EventsHead = evt.Hash;
    }

    /// <remarks>The kind is covered only when there is one, so every event signed before kinds existed still verifies.</remarks>
    public static string Compute(byte[] key, EmailLogEvent e, string previous) => e.Kind is null
        ? ChainMac.Compute(key,
            Name, e.EmailId.ToString(), ChainMac.Format(e.Sequence), ChainMac.Format(e.OccurredAt), e.Status.ToCode(), e.PreviousStatus?.ToCode(),
            e.Detail, ChainMac.Format(e.Code), e.Provider, ChainMac.Format(e.DurationMs), e.Actor, e.KeyId, previous)
        : ChainMac.Compute(key,
            Name, e.EmailId.ToString(), ChainMac.Format(e.Sequence), ChainMac.Format(e.OccurredAt), e.Status.ToCode(), e.PreviousStatus?.ToCode(),
            e.Detail, ChainMac.Format(e.Code), e.Provider, ChainMac.Format(e.DurationMs), e.Actor, e.KeyId, previous, "tipo_evento", e.Kind);
}

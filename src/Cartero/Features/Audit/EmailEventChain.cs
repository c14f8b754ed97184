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

    /// <remarks>
    /// Fields added later (the message hash of an accepted attempt, the recipient of a per-recipient event, the kind of an event that changes no state) are signed
    /// only when set, each as a named field after the original ones, so events written before they existed keep the
    /// MAC they were written with.
    /// </remarks>
    public static string Compute(byte[] key, EmailLogEvent e, string previous)
    {
        List<string?> fields =
        [
            Name, e.EmailId.ToString(), ChainMac.Format(e.Sequence), ChainMac.Format(e.OccurredAt), e.Status.ToCode(), e.PreviousStatus?.ToCode(),
            e.Detail, ChainMac.Format(e.Code), e.Provider, ChainMac.Format(e.DurationMs), e.Actor, e.KeyId, previous,
        ];
        if (e.MessageSha256 is not null)
        {
            fields.AddRange(["sha256_mensaje", e.MessageSha256]);
        }

        if (e.Recipient is not null)
        {
            fields.AddRange(["destinatario", e.Recipient]);
        }

        if (e.Kind is not null)
        {
            fields.AddRange(["tipo_evento", e.Kind]);
        }

        return ChainMac.Compute(key, [.. fields]);
    }
}

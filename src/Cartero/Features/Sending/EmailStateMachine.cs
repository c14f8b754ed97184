using Cartero.Features.Audit;

namespace Cartero.Features.Sending;

/// <summary>
/// The only place where <see cref="EmailLogEntry.Status"/> changes. Every accepted transition appends an
/// <see cref="EmailLogEvent"/> to the entry, so saving the entry saves the event in the same transaction.
/// </summary>
/// <remarks>With <paramref name="chain"/> every event is signed into its email's chain (<see cref="EmailEventChain"/>).</remarks>
public sealed class EmailStateMachine(TimeProvider time, ChainKeys? chain = null)
{
    private static readonly Dictionary<EmailStatus, EmailStatus[]> Allowed = new()
    {
        [EmailStatus.EnCola] = [EmailStatus.Enviando, EmailStatus.Cancelado, EmailStatus.Fallido],
        [EmailStatus.Reintento] = [EmailStatus.Enviando, EmailStatus.Cancelado, EmailStatus.Fallido],
        // enviando -> enviando is a lease taken over from a worker that died; enviando -> en_cola is an
        // account-wide failure that gives the message back without spending an attempt.
        [EmailStatus.Enviando] = [EmailStatus.Enviando, EmailStatus.Enviado, EmailStatus.Reintento, EmailStatus.Fallido, EmailStatus.EnCola],
        [EmailStatus.Enviado] = [EmailStatus.Entregado, EmailStatus.Abierto, EmailStatus.Rebotado],
        [EmailStatus.Entregado] = [EmailStatus.Abierto, EmailStatus.Rebotado],
        [EmailStatus.Abierto] = [],
        [EmailStatus.Fallido] = [EmailStatus.EnCola],
        [EmailStatus.Rebotado] = [],
        [EmailStatus.Cancelado] = [],
    };

    public static bool CanTransition(EmailStatus from, EmailStatus to) =>
        Allowed.TryGetValue(from, out var targets) && Array.IndexOf(targets, to) >= 0;

    /// <summary>Records the first state of a new entry.</summary>
    public EmailLogEvent Start(EmailLogEntry entry, EmailStatus initial, string actor, string? detail = null)
    {
        entry.Status = initial;
        return Append(entry, initial, null, new TransitionDetail(detail, Actor: actor));
    }

    /// <summary>Moves the entry to <paramref name="to"/> or throws <see cref="InvalidEmailTransitionException"/>.</summary>
    public EmailLogEvent Transition(EmailLogEntry entry, EmailStatus to, TransitionDetail detail)
    {
        var from = entry.Status;
        if (!CanTransition(from, to))
        {
            throw new InvalidEmailTransitionException(entry.Id, from, to);
        }

        entry.Status = to;
        return Append(entry, to, from, detail);
    }

    /// <summary>
    /// Records something that happened to the entry without changing its state (a soft bounce, a click, a late
    /// delivery report): the event carries the current state as both the new and the previous one.
    /// </summary>
    public EmailLogEvent Record(EmailLogEntry entry, TransitionDetail detail) => Append(entry, entry.Status, entry.Status, detail);

    /// <summary>Records what happened to one recipient of the entry (refused, deferred, accepted later); the state does not change.</summary>
    public EmailLogEvent NoteRecipient(EmailLogEntry entry, string address, TransitionDetail detail) =>
        Append(entry, entry.Status, entry.Status, detail, recipient: address);


    /// <summary>Records something that happened to the email without changing its state (an event of <paramref name="kind"/>).</summary>
    public EmailLogEvent Note(EmailLogEntry entry, string kind, string detail, string actor) =>
        Append(entry, entry.Status, entry.Status, new TransitionDetail(detail, Actor: actor), kind: kind);

    private EmailLogEvent Append(EmailLogEntry entry, EmailStatus to, EmailStatus? from, TransitionDetail detail, string? recipient = null, string? kind = null)
    {
        var evt = new EmailLogEvent
        {
            EmailId = entry.Id,
            OccurredAt = ChainMac.Truncate(time.GetUtcNow().UtcDateTime),
            Status = to,
            PreviousStatus = from,
            Detail = detail.Detail,
            Code = detail.Code,
            Provider = detail.Provider,
            DurationMs = detail.DurationMs,
            Actor = detail.Actor,
            MessageSha256 = detail.MessageSha256,
            Recipient = recipient,
            Kind = kind,
        };
        if (chain is not null)
        {
            EmailEventChain.Append(chain, entry, evt);
        }

        entry.Events.Add(evt);
        return evt;
    }
}

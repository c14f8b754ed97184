using Cartero.Features.Sending;

namespace Cartero.Features.Logs;

/// <summary>From the stored row to the API's shapes.</summary>
public static class EmailLogMapping
{
    public static EmailSummaryDto ToSummary(this EmailLogEntry e) => new(
        e.Id, e.RequestedAt, e.Type, e.Status.ToCode(), e.RecipientKind, e.RecipientId, e.ToAddress, e.ToName,
        e.EntityType, e.EntityId, e.Subject, e.Origin, e.OriginatedBy, e.Provider, e.Attempts, e.NextAttemptAt,
        e.LastAttemptAt, e.LastError);

    public static EmailDetailDto ToDetail(this EmailLogEntry e)
    {
        var recipients = RecipientOutcomes.For(e);
        return new(
            e.ToSummary(), e.MessageId, e.ProviderMessageId, e.Cc, e.Bcc, e.Template, e.IdempotencyKey,
            e.Attachments.Select(a => new EmailAttachmentDto(a.FileName, a.ContentType, a.Size, a.Sha256)).ToList(),
            e.Events.Select(ev => new EmailEventDto(ev.Id, ev.OccurredAt, ev.Status.ToCode(), ev.PreviousStatus?.ToCode(),
                ev.Detail, ev.Code, ev.Provider, ev.DurationMs, ev.Actor, ev.Recipient, ev.Kind)).ToList(),
            RecipientOutcomes.IsPartial(recipients),
            recipients);
    }
}

namespace Cartero.Features.Logs;

/// <summary>
/// <c>GET /api/v1/emails/{id}</c>: the row, its attachments, its whole event history and each recipient's outcome
/// (<see cref="PartialDelivery"/> when some recipients have the message and others do not).
/// </summary>
public sealed record EmailDetailDto(
    EmailSummaryDto Email,
    string MessageId,
    string? ProviderMessageId,
    string? Cc,
    string? Bcc,
    string? Template,
    string? IdempotencyKey,
    IReadOnlyList<EmailAttachmentDto> Attachments,
    IReadOnlyList<EmailEventDto> Events,
    bool PartialDelivery,
    IReadOnlyList<EmailRecipientOutcomeDto> Recipients);

namespace Cartero.Features.Logs;

/// <summary><c>GET /api/v1/emails/{id}</c>: the row, its attachments and its whole event history.</summary>
public sealed record EmailDetailDto(
    EmailSummaryDto Email,
    string MessageId,
    string? ProviderMessageId,
    string? Cc,
    string? Bcc,
    string? Template,
    string? IdempotencyKey,
    IReadOnlyList<EmailAttachmentDto> Attachments,
    IReadOnlyList<EmailEventDto> Events);

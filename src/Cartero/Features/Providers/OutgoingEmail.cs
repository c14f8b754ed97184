namespace Cartero.Features.Providers;

/// <summary>A message ready for a provider: rendered, addressed, with attachments readable from the store.</summary>
/// <param name="LogId">The <c>log_envio_correo.id</c>; also carried in the <c>X-Cartero-Id</c> header.</param>
/// <param name="MessageId">The stable <c>Message-Id</c> (without angle brackets) derived from <paramref name="LogId"/>.</param>
/// <param name="Envelope">
/// The addresses to deliver to when not every recipient (a retry after a partial delivery): the headers still name
/// everyone, the SMTP envelope only these. Null: every recipient.
/// </param>
/// <param name="HoldsSendTimeSecret">
/// True when a value that must never be stored was put in at send time (a password link's code): the message as sent
/// is then hashed for the record but never kept as an <c>.eml</c>.
/// </param>
public sealed record OutgoingEmail(
    Guid LogId,
    string MessageId,
    EmailAddress To,
    IReadOnlyList<EmailAddress> Cc,
    IReadOnlyList<EmailAddress> Bcc,
    string Subject,
    string? HtmlBody,
    string? TextBody,
    IReadOnlyList<OutgoingAttachment> Attachments,
    string Type,
    IReadOnlyList<EmailAddress>? Envelope = null,
    bool HoldsSendTimeSecret = false);

namespace Cartero.Features.Tracking;

/// <summary>
/// One report about an email from the receiving side, as every source (webhook, DSN, pixel) hands it to
/// <see cref="DeliveryReportApplier"/>. The email is found by <paramref name="EmailId"/>, else by
/// <paramref name="MessageId"/> (the Message-Id Cartero set), else by <paramref name="ProviderMessageId"/>
/// (the id the provider gave when it accepted the message, or one it derives from it such as SendGrid's <c>sg_message_id</c>).
/// </summary>
/// <param name="StatusCode">The SMTP or enhanced status code as reported (<c>550</c>, <c>5.1.1</c>).</param>
/// <param name="ServerText">The receiving server's literal answer (SMTP response, Diagnostic-Code).</param>
/// <param name="RemoteMta">The receiving server that answered (Remote-MTA, SendGrid's <c>mx</c> when given).</param>
public sealed record DeliveryReport(
    DeliveryReportKind Kind,
    DateTime OccurredAt,
    DeliveryReportSource Source,
    Guid? EmailId = null,
    string? ProviderMessageId = null,
    string? MessageId = null,
    string? Reason = null,
    string? StatusCode = null,
    string? ServerText = null,
    string? RemoteMta = null);

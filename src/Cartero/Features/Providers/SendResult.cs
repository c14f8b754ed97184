namespace Cartero.Features.Providers;

/// <summary>The classified answer of a provider to one message.</summary>
/// <param name="Outcome">What happens next.</param>
/// <param name="Code">SMTP reply code or HTTP status, when there was one.</param>
/// <param name="Detail">The provider's full answer or error, kept verbatim in <c>mensaje_error</c> / event detail. Never contains a secret.</param>
/// <param name="ProviderMessageId">The provider's id of the accepted message (SMTP queue id, SendGrid <c>X-Message-Id</c>).</param>
/// <param name="RetryAfter">A wait the provider asked for (HTTP 429 <c>Retry-After</c>), if any.</param>
/// <param name="RejectedRecipients">Recipients refused individually while others were accepted.</param>
/// <param name="Sent">
/// The bytes that were accepted: the MIME for SMTP and pickup, the JSON request body for SendGrid (which builds the MIME itself).
/// </param>
public sealed record SendResult(
    SendOutcome Outcome,
    int? Code,
    string Detail,
    string? ProviderMessageId = null,
    TimeSpan? RetryAfter = null,
    IReadOnlyList<RecipientRejection>? RejectedRecipients = null,
    SentMessage? Sent = null)
{
    public static SendResult Accepted(string detail, int? code = null, string? providerMessageId = null,
        IReadOnlyList<RecipientRejection>? rejected = null, SentMessage? sent = null) =>
        new(SendOutcome.Accepted, code, detail, providerMessageId, null, rejected, sent);
}

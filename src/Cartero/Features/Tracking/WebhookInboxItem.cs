namespace Cartero.Features.Tracking;

/// <summary>
/// One batch a provider posted to a webhook (table <c>bandeja_webhook</c>), stored raw before it is applied so an
/// operator can see what arrived and replay it after a fix.
/// </summary>
public sealed class WebhookInboxItem
{
    public Guid Id { get; set; }
    public required string Provider { get; set; }
    public DateTime ReceivedAt { get; set; }
    /// <summary>The request body exactly as received (the bytes the signature covers, as UTF-8).</summary>
    public required string Body { get; set; }
    /// <summary>The provider's timestamp header.</summary>
    public string? SignedTimestamp { get; set; }
    public bool SignatureValid { get; set; }
    public required string Verification { get; set; }
    public int EventCount { get; set; }
    public DateTime? AppliedAt { get; set; }
    public int TimesApplied { get; set; }
    /// <summary>What applying it did: events applied, duplicates, unmatched, malformed, unknown types.</summary>
    public string? ApplyResult { get; set; }
}

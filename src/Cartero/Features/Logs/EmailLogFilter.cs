namespace Cartero.Features.Logs;

/// <summary>The filters of the log list and its exports; every one optional.</summary>
public sealed record EmailLogFilter
{
    public string? Status { get; init; }
    public string? Type { get; init; }
    /// <summary>Exact recipient address, as it was sent to.</summary>
    public string? To { get; init; }
    public string? RecipientId { get; init; }
    public string? EntityType { get; init; }
    public string? EntityId { get; init; }
    public string? Origin { get; init; }
    public string? OriginatedBy { get; init; }
    /// <summary>Free text looked for in the recipient address and the subject.</summary>
    public string? Text { get; init; }
    /// <summary>Inclusive lower bound of <c>fecha_hora</c> (UTC).</summary>
    public DateTimeOffset? From { get; init; }
    /// <summary>Exclusive upper bound of <c>fecha_hora</c> (UTC).</summary>
    public DateTimeOffset? Until { get; init; }
}

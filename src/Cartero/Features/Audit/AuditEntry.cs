namespace Cartero.Features.Audit;

/// <summary>
/// One row of <c>log_auditoria</c>. Append-only; each row's <see cref="Hash"/> covers its content and the
/// previous row's hash, so an edited or deleted row breaks the chain.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime OccurredAt { get; set; }
    public required string Actor { get; set; }
    public string? ActorIp { get; set; }
    public required string Action { get; set; }
    public string? Target { get; set; }
    /// <summary>JSON document with what changed (never a secret value).</summary>
    public string? Details { get; set; }
    public required string PreviousHash { get; set; }
    /// <summary>The master key whose chain key signed this row; null for rows written before the chain was keyed.</summary>
    public string? KeyId { get; set; }
    public required string Hash { get; set; }
}

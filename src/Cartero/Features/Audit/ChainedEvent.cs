namespace Cartero.Features.Audit;

/// <summary>A chained event as the verifier reads it, with the count and head its parent row keeps (null when the parent is gone).</summary>
internal sealed record ChainedEvent<T>(T Event, long Id, Guid ParentId, int? Sequence, string? KeyId, string? Hash, int? ParentCount, string? ParentHead);

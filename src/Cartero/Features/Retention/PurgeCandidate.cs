namespace Cartero.Features.Retention;

/// <summary>An email whose content is past its term: what the plan prints and the job purges.</summary>
public sealed record PurgeCandidate(Guid EmailId, string Type, DateTime RequestedAt, DateTime DueAt, string? EntityType, string? EntityId);

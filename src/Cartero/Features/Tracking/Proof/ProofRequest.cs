namespace Cartero.Features.Tracking.Proof;

/// <summary>Who asked for the email, when, and from where (<c>origen</c>: manual, automatico, api).</summary>
public sealed record ProofRequest(DateTime RequestedAt, string Origin, string OriginatedBy, string Type, string? EntityType, string? EntityId, string? IdempotencyKey);

namespace Cartero.Features.Audit;

/// <summary>What happened, by whom and from where. <paramref name="Details"/> is serialised to JSON and must hold no secret.</summary>
public sealed record AuditRecord(string Actor, string? ActorIp, string Action, string? Target, object? Details);

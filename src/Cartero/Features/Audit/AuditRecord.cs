namespace Cartero.Features.Audit;

/// <summary>
/// What happened (one of the catalogue's <see cref="AuditAction"/>s), by whom and from where. <paramref name="Details"/>
/// is serialised to JSON and must hold no secret.
/// </summary>
public sealed record AuditRecord(string Actor, string? ActorIp, AuditAction Action, string? Target, object? Details);

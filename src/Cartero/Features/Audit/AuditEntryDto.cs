namespace Cartero.Features.Audit;

/// <summary>An audit row as the API shows it.</summary>
public sealed record AuditEntryDto(long Id, DateTime OccurredAt, string Actor, string? Ip, string Action, string? Target, string? Details, string PreviousHash, string Hash, string? KeyId);

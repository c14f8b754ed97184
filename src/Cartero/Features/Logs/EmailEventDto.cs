namespace Cartero.Features.Logs;

/// <summary>One event of an email's history.</summary>
public sealed record EmailEventDto(long Id, DateTime OccurredAt, string Status, string? PreviousStatus, string? Detail, int? Code, string? Provider, int? DurationMs, string? Actor, string? Recipient = null, string? Kind = null);

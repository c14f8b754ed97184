namespace Cartero.Features.Logs;

/// <summary>A row of the log list in the API (camelCase names, Spanish domain codes).</summary>
public sealed record EmailSummaryDto(
    Guid Id,
    DateTime RequestedAt,
    string Type,
    string Status,
    string RecipientKind,
    string? RecipientId,
    string To,
    string? ToName,
    string? EntityType,
    string? EntityId,
    string Subject,
    string Origin,
    string OriginatedBy,
    string? Provider,
    int Attempts,
    DateTime? NextAttemptAt,
    DateTime? LastAttemptAt,
    string? LastError);

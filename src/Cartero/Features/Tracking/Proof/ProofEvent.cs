namespace Cartero.Features.Tracking.Proof;

/// <summary>
/// One row of the email's history: an attempt (with the server's literal answer in <paramref name="Detail"/> and its
/// code) or a later report (delivery, open, bounce) with its source.
/// </summary>
public sealed record ProofEvent(
    int? Sequence,
    DateTime OccurredAt,
    string? PreviousStatus,
    string Status,
    int? Code,
    string? Detail,
    string? Provider,
    int? DurationMs,
    string? Source,
    string? MessageSha256,
    string? ChainHash);

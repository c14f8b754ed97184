namespace Cartero.Features.Statistics;

/// <summary>
/// Counts and rates of the emails requested between two Ecuadorian calendar days (both included): by state,
/// by type, per day, retries, failures and their reasons, recipient domains.
/// </summary>
public sealed record EmailStatistics(
    DateOnly From,
    DateOnly Until,
    int Total,
    IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyDictionary<string, int> ByType,
    IReadOnlyList<DailyCount> PerDay,
    double SentRate,
    double FailureRate,
    double BounceRate,
    double OpenRate,
    int Retries,
    IReadOnlyList<ReasonCount> TopFailureReasons,
    IReadOnlyList<DomainStats> FailingDomains,
    IReadOnlyList<DomainLatency> SlowestDomains);

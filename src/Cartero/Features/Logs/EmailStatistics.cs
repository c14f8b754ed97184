namespace Cartero.Features.Logs;

/// <summary>Counts and rates of a period: by state, by type, per day (Ecuador's calendar), failures and their reasons, recipient domains.</summary>
public sealed record EmailStatistics(
    DateTimeOffset From,
    DateTimeOffset Until,
    int Total,
    IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyDictionary<string, int> ByType,
    IReadOnlyList<DailyCount> PerDay,
    double SentRate,
    double FailureRate,
    double BounceRate,
    double OpenRate,
    int Retried,
    IReadOnlyList<ReasonCount> TopFailureReasons,
    IReadOnlyList<DomainStats> FailingDomains,
    IReadOnlyList<DomainLatency> SlowestDomains);

/// <summary>One day of the period.</summary>
public sealed record DailyCount(DateOnly Day, int Total, int Sent, int Failed);

/// <summary>A failure reason and how often it happened.</summary>
public sealed record ReasonCount(string Reason, int Count);

/// <summary>A recipient domain with its failures and their share of all failures of the period.</summary>
public sealed record DomainStats(string Domain, int Failed, double ShareOfFailures);

/// <summary>A recipient domain by how long the provider took to accept its mail.</summary>
public sealed record DomainLatency(string Domain, int Sent, double AverageMs, int MaxMs);

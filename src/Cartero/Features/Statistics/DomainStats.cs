namespace Cartero.Features.Statistics;

/// <summary>A recipient domain with its failures and their share of all failures of the period.</summary>
public sealed record DomainStats(string Domain, int Failed, double ShareOfFailures);

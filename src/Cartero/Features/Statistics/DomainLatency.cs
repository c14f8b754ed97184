namespace Cartero.Features.Statistics;

/// <summary>A recipient domain by how long the provider took to accept its mail.</summary>
public sealed record DomainLatency(string Domain, int Sent, double AverageMs, int MaxMs);

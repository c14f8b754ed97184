namespace Cartero.Features.Tracking;

/// <summary>An address a person puts on the suppression list, and why.</summary>
public sealed record SuppressionRequest(string? Address, string? Reason);

namespace Cartero.Features.Tracking;

/// <summary>What one pass over the waiting reports did: applied (or found already applied) and dropped after the limit.</summary>
public sealed record WaitingReportPassResult(int Applied, int Dropped);

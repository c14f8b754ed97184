namespace Cartero.Features.Tracking;

/// <summary>
/// What one pass over the waiting reports did: applied (or found already applied), dropped after the limit, and failed
/// (left waiting, logged; the next pass tries again until the limit drops it).
/// </summary>
public sealed record WaitingReportPassResult(int Applied, int Dropped, int Failed = 0);

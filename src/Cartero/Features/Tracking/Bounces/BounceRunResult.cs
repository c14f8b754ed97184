namespace Cartero.Features.Tracking.Bounces;

/// <summary>What one pass over the bounce mailbox did.</summary>
/// <param name="Ran">False when the mailbox is disabled or another instance was reading it.</param>
public sealed record BounceRunResult(bool Ran, int Read, int HardBounces, int SoftBounces, int AutoReplies, int Unmatched, int Deferred, string? Error)
{
    public static BounceRunResult NotRun(string reason) => new(false, 0, 0, 0, 0, 0, 0, reason);
}

namespace Cartero.Features.Tracking.Bounces;

/// <summary>Hands a parsed report to the tracking feature, which owns every state change.</summary>
public interface IBounceApplier
{
    Task<BounceApplyOutcome> ApplyAsync(BounceReport report, CancellationToken cancellationToken);
}

namespace Cartero.Features.Tracking.Bounces;

/// <summary>Hands a parsed report to the tracking feature, which owns every state change.</summary>
public interface IBounceApplier
{
    /// <summary>Applies <paramref name="report"/>; false when it matches no email (the message then goes to <c>SinCoincidencia</c>).</summary>
    Task<bool> ApplyAsync(BounceReport report, CancellationToken cancellationToken);
}

namespace Cartero.Features.Tracking.Bounces;

/// <summary>Where a read message goes after its report was handed over.</summary>
public enum BounceApplyOutcome
{
    /// <summary>Recorded (or recorded before): the message goes to <c>Cartero/Procesados</c>.</summary>
    Applied,
    /// <summary>No email matches: the message goes to <c>Cartero/SinCoincidencia</c>.</summary>
    NoMatch,
}

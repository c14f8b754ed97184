namespace Cartero.Features.Alerts;

/// <summary><c>Cartero:Alerts</c>: when admins see the failure-rate banner.</summary>
public sealed class AlertOptions
{
    /// <summary>Share of failed sends in the last hour (0–1) above which admins are warned.</summary>
    public double FailureRateThreshold { get; set; } = 0.2;

    /// <summary>Fewer sends than this in the last hour never raise the banner (one failure out of two is noise).</summary>
    public int MinimumVolume { get; set; } = 10;
}

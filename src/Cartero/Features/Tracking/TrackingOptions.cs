namespace Cartero.Features.Tracking;

/// <summary>Configuration <c>Cartero:Tracking</c>.</summary>
public sealed class TrackingOptions
{
    /// <summary>The address recipients reach Cartero at (<c>https://correo.optica.ec</c>); without it no email carries the open pixel.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The largest webhook batch accepted, in bytes.</summary>
    public int MaxWebhookBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>How often reports kept for mail not sent yet are looked at (applied once their email is sent, or dropped).</summary>
    public TimeSpan WaitingReportInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a report waits for its email to be sent before it is dropped with a log line.</summary>
    public TimeSpan WaitingReportMaxAge { get; set; } = TimeSpan.FromDays(7);
}

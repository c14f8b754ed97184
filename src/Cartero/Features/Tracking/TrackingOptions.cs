namespace Cartero.Features.Tracking;

/// <summary>Configuration <c>Cartero:Tracking</c>.</summary>
public sealed class TrackingOptions
{
    /// <summary>The address recipients reach Cartero at (<c>https://correo.optica.ec</c>); without it no email carries the open pixel.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The largest webhook batch accepted, in bytes.</summary>
    public int MaxWebhookBytes { get; set; } = 8 * 1024 * 1024;
}

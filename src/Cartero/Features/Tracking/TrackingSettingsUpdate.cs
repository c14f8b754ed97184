namespace Cartero.Features.Tracking;

/// <summary>A change of the tracking settings; a null field keeps its value.</summary>
public sealed record TrackingSettingsUpdate(
    bool? SendGridWebhookEnabled = null,
    string? SendGridPublicKey = null,
    int? SendGridToleranceSeconds = null,
    bool? PixelEnabled = null,
    IReadOnlyList<string>? PixelOffTypes = null);

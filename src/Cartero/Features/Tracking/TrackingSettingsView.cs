namespace Cartero.Features.Tracking;

/// <summary>The tracking settings as the API and the panel show them (the SendGrid key is public, shown whole).</summary>
public sealed record TrackingSettingsView(
    bool SendGridWebhookEnabled,
    string? SendGridPublicKey,
    int SendGridToleranceSeconds,
    bool PixelEnabled,
    IReadOnlyList<string> PixelOffTypes,
    DateTime? UpdatedAt,
    string? UpdatedBy);

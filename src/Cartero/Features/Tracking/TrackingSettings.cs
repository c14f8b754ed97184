namespace Cartero.Features.Tracking;

/// <summary>The one row of <c>configuracion_seguimiento</c>: the SendGrid webhook and the open pixel; every change is audited.</summary>
public sealed class TrackingSettings
{
    public const int SingletonId = 1;

    /// <summary>The email types whose pixel is off until an admin turns it on: health data and password recovery.</summary>
    public const string DefaultPixelOffTypes = "notificacion_clinica,recuperacion_contrasena";

    public int Id { get; set; } = SingletonId;
    public bool SendGridWebhookEnabled { get; set; }
    /// <summary>SendGrid's verification key as its settings page shows it: base64 DER SubjectPublicKeyInfo (not secret).</summary>
    public string? SendGridPublicKey { get; set; }
    public int SendGridToleranceSeconds { get; set; } = 300;
    public bool PixelEnabled { get; set; } = true;
    /// <summary>Comma-separated email types that carry no pixel.</summary>
    public string PixelOffTypes { get; set; } = DefaultPixelOffTypes;
    public DateTime? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>Tracking settings as audited: the webhook key only by its last characters. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record TrackingSettingsSnapshot(
    [property: JsonPropertyName("webhook_activo")] bool WebhookEnabled,
    [property: JsonPropertyName("clave_publica")] string PublicKey,
    [property: JsonPropertyName("tolerancia_segundos")] int ToleranceSeconds,
    [property: JsonPropertyName("pixel_activo")] bool PixelEnabled,
    [property: JsonPropertyName("tipos_sin_pixel")] string PixelOffTypes);

using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>Tracking settings before and after a change. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record TrackingSettingsChangeDetails(
    [property: JsonPropertyName("antes")] TrackingSettingsSnapshot Before,
    [property: JsonPropertyName("despues")] TrackingSettingsSnapshot After);

using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>The entity a legal hold covers and why. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record LegalHoldDetails(
    [property: JsonPropertyName("entidad_tipo")] string EntityType,
    [property: JsonPropertyName("entidad_id")] string EntityId,
    [property: JsonPropertyName("motivo")] string Reason);

using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>An establishment's audited fields. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record EstablishmentValues(
    [property: JsonPropertyName("nombre")] string Name,
    [property: JsonPropertyName("direccion")] string? Address);

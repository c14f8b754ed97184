using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>The business name before and after. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record ChangeBrandDetails(
    [property: JsonPropertyName("antes")] string Before,
    [property: JsonPropertyName("despues")] string After);

using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>Whether a clinical email's content was shown and, for the rendered view, which part. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record ClinicalEmailViewDetails(
    [property: JsonPropertyName("contenido")] bool Content,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] [property: JsonPropertyName("parte")] string? Part = null);

using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>Whose clinical document and of which kind. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record ClinicalDocumentDetails(
    [property: JsonPropertyName("cliente")] Guid Customer,
    [property: JsonPropertyName("tipo")] string Kind);

using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>A voided clinical document; the reason only by its length, it may hold clinical data. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record VoidClinicalDocumentDetails(
    [property: JsonPropertyName("cliente")] Guid Customer,
    [property: JsonPropertyName("tipo")] string Kind,
    [property: JsonPropertyName("largo_motivo")] int ReasonLength);

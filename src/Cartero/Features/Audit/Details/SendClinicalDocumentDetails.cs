using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>The email a clinical document went out in and to whom. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record SendClinicalDocumentDetails(
    [property: JsonPropertyName("correo")] Guid Email,
    [property: JsonPropertyName("cliente")] Guid Customer);

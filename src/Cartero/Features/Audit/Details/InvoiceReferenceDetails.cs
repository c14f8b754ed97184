using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>A factura by id, number and access key. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record InvoiceReferenceDetails(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("numero")] string Number,
    [property: JsonPropertyName("clave_acceso")] string AccessKey);

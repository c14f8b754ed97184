using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>A factura annulled, with the SRI's reference for the annulment. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record AnnulInvoiceDetails(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("numero")] string Number,
    [property: JsonPropertyName("clave_acceso")] string AccessKey,
    [property: JsonPropertyName("referencia_sri")] string? Reference);

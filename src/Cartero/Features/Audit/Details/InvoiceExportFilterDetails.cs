using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>The filter an invoice export used. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record InvoiceExportFilterDetails(
    [property: JsonPropertyName("estado")] string? Status,
    [property: JsonPropertyName("referencia")] string? Reference,
    [property: JsonPropertyName("clave_acceso")] string? AccessKey,
    [property: JsonPropertyName("desde")] DateOnly? From,
    [property: JsonPropertyName("hasta")] DateOnly? Until);

using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>A factura abandoned and the one that replaces it. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record ReissueInvoiceDetails(
    [property: JsonPropertyName("abandonada")] InvoiceReferenceDetails Abandoned,
    [property: JsonPropertyName("reemplazo")] InvoiceReferenceDetails Replacement,
    [property: JsonPropertyName("motivo")] string Reason);

using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>A refused credit note closed for good and what it frees on its factura. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record AbandonCreditNoteDetails(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("numero")] string Number,
    [property: JsonPropertyName("clave_acceso")] string AccessKey,
    [property: JsonPropertyName("factura")] string Invoice,
    [property: JsonPropertyName("valor_liberado")] decimal Released,
    [property: JsonPropertyName("queda_por_acreditar")] decimal Remaining,
    [property: JsonPropertyName("motivo")] string? Reason);

using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>A refused credit note corrected and sent again, with its old and new reason. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record CorrectCreditNoteDetails(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("numero")] string Number,
    [property: JsonPropertyName("clave_acceso")] string AccessKey,
    [property: JsonPropertyName("motivo_anterior")] string? PreviousReason,
    [property: JsonPropertyName("motivo")] string? Reason);

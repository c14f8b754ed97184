using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>Which undelivered list was exported and how many rows. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record ExportUndeliveredDetails(
    [property: JsonPropertyName("motivo")] string? Reason,
    [property: JsonPropertyName("filas")] long Rows);

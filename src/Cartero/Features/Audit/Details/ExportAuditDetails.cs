using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>How many audit rows the export held. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record ExportAuditDetails(
    [property: JsonPropertyName("filas")] long Rows);

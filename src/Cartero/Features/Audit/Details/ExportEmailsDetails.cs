using System.Text.Json.Serialization;
using Cartero.Features.Logs;

namespace Cartero.Features.Audit.Details;

/// <summary>An email log export: format, separator (null for xlsx), filter and rows. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record ExportEmailsDetails(
    [property: JsonPropertyName("formato")] string Format,
    [property: JsonPropertyName("separador")] string? Separator,
    [property: JsonPropertyName("filtro")] EmailLogFilter Filter,
    [property: JsonPropertyName("filas")] long Rows);

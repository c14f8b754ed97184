using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>A retention change for one email type. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record ChangeRetentionDetails(
    [property: JsonPropertyName("tipo_correo")] string EmailType,
    [property: JsonPropertyName("dias")] RetentionDaysChange Days);

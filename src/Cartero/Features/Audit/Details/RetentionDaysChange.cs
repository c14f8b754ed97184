using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>Retention days before and after. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record RetentionDaysChange(
    [property: JsonPropertyName("antes")] int Before,
    [property: JsonPropertyName("despues")] int After);

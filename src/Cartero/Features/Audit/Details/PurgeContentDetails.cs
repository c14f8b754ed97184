using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>How many emails had their content purged. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record PurgeContentDetails(
    [property: JsonPropertyName("depurados")] int Purged);

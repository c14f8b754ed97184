using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>The filter of a batch retry and how many emails went back to the queue. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record RetryEmailBatchDetails(
    [property: JsonPropertyName("filtro")] IReadOnlyDictionary<string, string> Filter,
    [property: JsonPropertyName("correos")] int? Emails);

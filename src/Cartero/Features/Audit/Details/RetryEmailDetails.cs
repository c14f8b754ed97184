using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>Where the retry came from: <c>panel</c> or <c>api</c>. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record RetryEmailDetails(
    [property: JsonPropertyName("desde")] string From);

using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>The public prefix of the revoked key. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record RevokeApiKeyDetails(
    [property: JsonPropertyName("prefijo")] string Prefix);

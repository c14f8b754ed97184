using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>A new API key's scope and public prefix (never the secret). Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record CreateApiKeyDetails(
    [property: JsonPropertyName("admin")] bool Admin,
    [property: JsonPropertyName("prefijo")] string Prefix);

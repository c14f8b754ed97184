using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>The new key's id and how many secrets were re-encrypted, per column. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record RotateMasterKeyDetails(
    [property: JsonPropertyName("clave")] string Key,
    [property: JsonPropertyName("secretos")] int Secrets,
    [property: JsonPropertyName("por_columna")] IReadOnlyDictionary<string, int> PerColumn);

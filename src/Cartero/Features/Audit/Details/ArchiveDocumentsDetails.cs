using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>An archive of comprobantes: the period (<c>yyyy-MM-dd</c>), destination, counts and index hash. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record ArchiveDocumentsDetails(
    [property: JsonPropertyName("desde")] string From,
    [property: JsonPropertyName("hasta")] string Until,
    [property: JsonPropertyName("destino")] string Destination,
    [property: JsonPropertyName("documentos")] IReadOnlyDictionary<string, int> Documents,
    [property: JsonPropertyName("sha256_indice")] string IndexSha256,
    [property: JsonPropertyName("no_incluidos")] IReadOnlyList<string> NotIncluded);

using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>A new product's code and stock levels. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record CreateProductDetails(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("stock")] int Stock,
    [property: JsonPropertyName("minimumStock")] int MinimumStock);

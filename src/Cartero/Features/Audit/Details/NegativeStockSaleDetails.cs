using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>The products a sale took below zero. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record NegativeStockSaleDetails(
    [property: JsonPropertyName("productos")] IReadOnlyList<string> Products);

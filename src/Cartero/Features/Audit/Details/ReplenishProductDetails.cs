using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>How many units were added. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record ReplenishProductDetails(
    [property: JsonPropertyName("cantidad")] int Quantity);

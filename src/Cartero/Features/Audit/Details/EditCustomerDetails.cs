using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>Which customer fields changed (names only, no values). Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record EditCustomerDetails(
    [property: JsonPropertyName("campos")] IReadOnlyList<string> Fields);

using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>Which panel roles had to use two-factor before and after the change. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record TwoFactorPolicyDetails(
    [property: JsonPropertyName("antes")] IReadOnlyList<string> Before,
    [property: JsonPropertyName("despues")] IReadOnlyList<string> After);

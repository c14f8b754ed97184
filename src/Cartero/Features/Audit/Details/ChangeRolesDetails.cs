using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>A user's roles before and after. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record ChangeRolesDetails(
    [property: JsonPropertyName("antes")] IEnumerable<string> Before,
    [property: JsonPropertyName("despues")] IEnumerable<string> After);

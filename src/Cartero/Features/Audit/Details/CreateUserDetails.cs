using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>A new user's roles, linked customer and whether they were invited instead of given a password. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record CreateUserDetails(
    [property: JsonPropertyName("roles")] IReadOnlyList<string> Roles,
    [property: JsonPropertyName("idCliente")] string? CustomerId,
    [property: JsonPropertyName("invitacion")] bool Invitation);

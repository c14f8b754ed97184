using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>Why a user's keys were revoked and which ones, by name. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record RevokeUsersApiKeysDetails(
    [property: JsonPropertyName("motivo")] string Reason,
    [property: JsonPropertyName("claves")] IReadOnlyList<string> Keys);

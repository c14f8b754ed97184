using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>How an administrator was created (CLI or first-run setup) and their name. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record AdministratorCreatedDetails(
    [property: JsonPropertyName("medio")] string Channel,
    [property: JsonPropertyName("nombre")] string? Name);

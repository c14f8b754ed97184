using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>The password recovery email sent. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record RecoveryRequestDetails(
    [property: JsonPropertyName("correo")] Guid Email);

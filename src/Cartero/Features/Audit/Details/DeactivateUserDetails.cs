using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>How many API keys went with the deactivation. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record DeactivateUserDetails(
    [property: JsonPropertyName("clavesRevocadas")] int RevokedKeys);

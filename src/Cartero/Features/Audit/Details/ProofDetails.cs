using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>The delivery proof generated, its verification code and how it was handed over. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record ProofDetails(
    [property: JsonPropertyName("constancia")] Guid Proof,
    [property: JsonPropertyName("codigo")] string Code,
    [property: JsonPropertyName("medio")] string Channel);

using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>The code of the condition that refused a clinical send or void. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record ClinicalRefusalDetails(
    [property: JsonPropertyName("motivo")] string Reason);

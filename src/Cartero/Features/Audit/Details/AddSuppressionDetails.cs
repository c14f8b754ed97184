using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>Why an address was put on the suppression list. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record AddSuppressionDetails(
    [property: JsonPropertyName("motivo")] string Reason);

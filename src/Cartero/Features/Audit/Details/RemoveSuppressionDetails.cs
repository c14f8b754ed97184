using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>The suppression being lifted: its reason and the event that caused it. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record RemoveSuppressionDetails(
    [property: JsonPropertyName("motivo")] string Reason,
    [property: JsonPropertyName("origen")] string? Source);

using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>What replaying a webhook batch changed, in words. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record WebhookReplayDetails(
    [property: JsonPropertyName("resultado")] string Result);

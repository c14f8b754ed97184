using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>The SHA-256 of what was downloaded (an attachment or the sent .eml). Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record Sha256Details(
    [property: JsonPropertyName("sha256")] string Sha256);

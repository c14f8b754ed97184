using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>The two-factor method turned on and how many recovery codes were issued. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record EnableTwoFactorDetails(
    [property: JsonPropertyName("metodo")] string Method,
    [property: JsonPropertyName("codigosRecuperacion")] int RecoveryCodes);

using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>How many recovery codes were issued. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record RecoveryCodesDetails(
    [property: JsonPropertyName("codigosRecuperacion")] int RecoveryCodes);

using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>The consent records withdrawn. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record WithdrawClinicalConsentDetails(
    [property: JsonPropertyName("consentimientos")] IEnumerable<Guid> Consents);

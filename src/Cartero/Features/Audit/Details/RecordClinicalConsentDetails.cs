using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>How consent was given and its record. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record RecordClinicalConsentDetails(
    [property: JsonPropertyName("medio")] string Method,
    [property: JsonPropertyName("consentimiento")] Guid Consent);

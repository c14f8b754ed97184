using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>A new customer's ID type and whether an email was given (no personal data). Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record CreateCustomerDetails(
    [property: JsonPropertyName("tipoIdentificacion")] string IdType,
    [property: JsonPropertyName("conCorreo")] bool WithEmail);

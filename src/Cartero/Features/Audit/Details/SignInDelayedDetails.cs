using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>The wait imposed after repeated failures. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record SignInDelayedDetails(
    [property: JsonPropertyName("esperaSegundos")] int WaitSeconds,
    [property: JsonPropertyName("fallosCuenta")] int AccountFailures,
    [property: JsonPropertyName("fallosDireccion")] int AddressFailures);

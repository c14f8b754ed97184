using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>Why a sign-in failed and how many failures the account has. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record SignInFailedDetails(
    [property: JsonPropertyName("motivo")] string Reason,
    [property: JsonPropertyName("fallos")] int Failures);

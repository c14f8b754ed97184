using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>The second factor or password a sign-in used. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record SignInDetails(
    [property: JsonPropertyName("metodo")] string Method);

using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>The panel user a customer was linked to. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record LinkCustomerUserDetails(
    [property: JsonPropertyName("usuario")] Guid User);

using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>An establishment before (null when new) and after. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record ChangeEstablishmentDetails(
    [property: JsonPropertyName("antes")] EstablishmentValues? Before,
    [property: JsonPropertyName("despues")] EstablishmentValues After);

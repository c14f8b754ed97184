using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>Which sections a personal-data export held and, for a customer's request, why. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record PersonalDataExportDetails(
    [property: JsonPropertyName("secciones")] IReadOnlyList<string> Sections,
    [property: JsonPropertyName("motivo")] string? Reason);

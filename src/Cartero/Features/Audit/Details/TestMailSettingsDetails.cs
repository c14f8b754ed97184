using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>A sender account test: the test email, where it went, the outcome and whether unsaved settings were tried. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record TestMailSettingsDetails(
    [property: JsonPropertyName("correo")] Guid? Email,
    [property: JsonPropertyName("destino")] string Destination,
    [property: JsonPropertyName("resultado")] string Result,
    [property: JsonPropertyName("codigo")] int? Code,
    [property: JsonPropertyName("ajustesSinGuardar")] bool UnsavedSettings);

using System.Globalization;

namespace Cartero.Sri;

/// <summary>One message of an SRI answer (mensajes/mensaje).</summary>
/// <param name="Identificador">The numeric code as text, e.g. "43".</param>
/// <param name="Mensaje">Short text.</param>
/// <param name="InformacionAdicional">Details, optional.</param>
/// <param name="Tipo">ERROR, ADVERTENCIA or INFORMATIVO.</param>
public sealed record MensajeSri(string Identificador, string Mensaje, string? InformacionAdicional, string? Tipo)
{
    /// <summary>The code when it is one the flow knows, else null.</summary>
    public CodigoMensajeSri? Codigo =>
        int.TryParse(Identificador, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && Enum.IsDefined((CodigoMensajeSri)n)
            ? (CodigoMensajeSri)n
            : null;

    /// <summary>True for tipo ERROR.</summary>
    public bool EsError => string.Equals(Tipo, "ERROR", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override string ToString() =>
        $"[{Identificador}] {Mensaje}" + (string.IsNullOrWhiteSpace(InformacionAdicional) ? "" : $": {InformacionAdicional}") + (Tipo is null ? "" : $" ({Tipo})");
}

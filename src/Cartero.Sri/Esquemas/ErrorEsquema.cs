namespace Cartero.Sri;

/// <summary>One schema violation with its position in the document.</summary>
/// <param name="Linea">1-based line, 0 when unknown.</param>
/// <param name="Columna">1-based column, 0 when unknown.</param>
/// <param name="Mensaje">The validator's message.</param>
public sealed record ErrorEsquema(int Linea, int Columna, string Mensaje)
{
    /// <inheritdoc />
    public override string ToString() => $"línea {Linea}, columna {Columna}: {Mensaje}";
}

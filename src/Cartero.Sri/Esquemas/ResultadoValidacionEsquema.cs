namespace Cartero.Sri;

/// <summary>Every schema violation found in a document.</summary>
public sealed record ResultadoValidacionEsquema(IReadOnlyList<ErrorEsquema> Errores)
{
    /// <summary>True when the document follows the schema (SRI error 35 otherwise).</summary>
    public bool EsValido => Errores.Count == 0;
}

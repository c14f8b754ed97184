namespace Cartero.Sri;

/// <summary>Outcome of validating a clave de acceso: the parsed clave or every problem found.</summary>
/// <param name="Clave">The parsed clave when valid; otherwise null.</param>
/// <param name="Errores">Spanish messages, each naming the wrong part.</param>
public sealed record ResultadoClaveDeAcceso(ClaveDeAcceso? Clave, IReadOnlyList<string> Errores)
{
    /// <summary>True when no problem was found.</summary>
    public bool EsValida => Errores.Count == 0 && Clave is not null;
}

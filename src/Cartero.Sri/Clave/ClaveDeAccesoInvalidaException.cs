namespace Cartero.Sri;

/// <summary>Thrown by <see cref="ClaveDeAcceso.Parse"/> when the clave is not valid.</summary>
public sealed class ClaveDeAccesoInvalidaException(IReadOnlyList<string> errores)
    : FormatException("Clave de acceso inválida: " + string.Join(" ", errores))
{
    /// <summary>Every problem found, in Spanish.</summary>
    public IReadOnlyList<string> Errores { get; } = errores;
}

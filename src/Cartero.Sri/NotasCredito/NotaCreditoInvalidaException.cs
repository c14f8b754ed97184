namespace Cartero.Sri;

/// <summary>Thrown when a nota de crédito cannot be built because the SRI would reject it.</summary>
public sealed class NotaCreditoInvalidaException(IReadOnlyList<ProblemaFactura> problemas)
    : InvalidOperationException("La nota de crédito no cumple las reglas del SRI: " + string.Join("; ", problemas))
{
    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ProblemaFactura> Problemas { get; } = problemas;
}

namespace Cartero.Sri;

/// <summary>Thrown when a factura cannot be built because the SRI would reject it.</summary>
public sealed class FacturaInvalidaException(IReadOnlyList<ProblemaFactura> problemas)
    : InvalidOperationException("La factura no cumple las reglas del SRI: " + string.Join("; ", problemas))
{
    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ProblemaFactura> Problemas { get; } = problemas;
}

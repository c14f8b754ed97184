namespace Cartero.Sri;

/// <summary>
/// The amounts of a nota de crédito, by the factura's rules (<see cref="FacturaCalculadora"/>): each
/// line rounded, IVA per group over the rounded bases. valorModificacion is the importe total.
/// </summary>
public static class NotaCreditoCalculadora
{
    /// <summary>Computes every line, tax group and total; there is no propina in a nota de crédito.</summary>
    public static TotalesFactura Calcular(NotaCredito notaCredito)
    {
        ArgumentNullException.ThrowIfNull(notaCredito);
        return FacturaCalculadora.Calcular(notaCredito.ComoFactura());
    }
}

namespace Cartero.Sri;

/// <summary>An unsigned nota de crédito XML ready to be signed, with its clave and totals.</summary>
/// <param name="ClaveDeAcceso">The clave de acceso written in the document (codDoc 04).</param>
/// <param name="Totales">Every computed amount; <see cref="TotalesFactura.ImporteTotal"/> is valorModificacion.</param>
/// <param name="Xml">UTF-8 bytes of the document (no BOM).</param>
public sealed record NotaCreditoGenerada(ClaveDeAcceso ClaveDeAcceso, TotalesFactura Totales, byte[] Xml)
{
    /// <summary>valorModificacion: what the nota de crédito gives back, taxes included.</summary>
    public decimal ValorModificacion => Totales.ImporteTotal;
}

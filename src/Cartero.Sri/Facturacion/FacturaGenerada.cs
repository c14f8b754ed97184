namespace Cartero.Sri;

/// <summary>An unsigned factura XML ready to be signed, with its clave and totals.</summary>
/// <param name="ClaveDeAcceso">The clave de acceso written in the document.</param>
/// <param name="Totales">Every computed amount written in the document.</param>
/// <param name="Xml">UTF-8 bytes of the document (no BOM).</param>
public sealed record FacturaGenerada(ClaveDeAcceso ClaveDeAcceso, TotalesFactura Totales, byte[] Xml);

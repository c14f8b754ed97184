namespace Cartero.Sri;

/// <summary>A factura read back from XML: the model, the totals as the document declares them, and what could not be read.</summary>
/// <param name="Factura">The model (its <see cref="Factura.ClaveAcceso"/> is the document's clave).</param>
/// <param name="TotalesDeclarados">The amounts written in the document, which may disagree with the lines.</param>
/// <param name="Version">The version attribute of the root.</param>
/// <param name="Firmada">Whether the document carries a ds:Signature.</param>
/// <param name="Problemas">Elements missing or unreadable.</param>
public sealed record FacturaLeida(Factura Factura, TotalesFactura TotalesDeclarados, string? Version, bool Firmada, IReadOnlyList<ProblemaFactura> Problemas);

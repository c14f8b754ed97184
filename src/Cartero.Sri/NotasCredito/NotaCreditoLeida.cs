namespace Cartero.Sri;

/// <summary>A nota de crédito read back from XML: the model, the totals as declared, and what could not be read.</summary>
/// <param name="NotaCredito">The model (its <see cref="NotaCredito.ClaveAcceso"/> is the document's clave).</param>
/// <param name="TotalesDeclarados">The amounts written in the document; ImporteTotal is valorModificacion.</param>
/// <param name="Firmada">Whether the document carries a ds:Signature.</param>
/// <param name="Problemas">Elements missing or unreadable.</param>
public sealed record NotaCreditoLeida(NotaCredito NotaCredito, TotalesFactura TotalesDeclarados, bool Firmada, IReadOnlyList<ProblemaFactura> Problemas);

namespace Cartero.Sri;

/// <summary>What the RIDE of a nota de crédito prints beyond a factura's: the comprobante it modifies and why.</summary>
/// <param name="DocumentoModificado">The factura (or other comprobante) modified.</param>
/// <param name="Motivo">Razón de la modificación.</param>
public sealed record DatosNotaCreditoRide(DocumentoModificado DocumentoModificado, string Motivo);

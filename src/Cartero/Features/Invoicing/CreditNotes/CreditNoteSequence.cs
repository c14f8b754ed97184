namespace Cartero.Features.Invoicing.CreditNotes;

/// <summary>
/// A row of <c>secuencial_nota_credito</c>: the next secuencial of the notas de crédito of one establecimiento and punto
/// de emisión in one ambiente, a series of its own (codDoc 04), taken like the factura's inside the storing transaction.
/// </summary>
public sealed class CreditNoteSequence
{
    public required string Environment { get; set; }
    public required string Establishment { get; set; }
    public required string EmissionPoint { get; set; }
    public long Next { get; set; }
}

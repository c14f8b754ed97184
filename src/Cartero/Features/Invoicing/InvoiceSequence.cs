namespace Cartero.Features.Invoicing;

/// <summary>
/// A row of <c>secuencial_factura</c>: the next secuencial of one establecimiento and punto de emisión in one
/// ambiente. Taken inside the transaction that stores the invoice, so a number is never reused and never skipped.
/// </summary>
public sealed class InvoiceSequence
{
    public required string Environment { get; set; }
    public required string Establishment { get; set; }
    public required string EmissionPoint { get; set; }
    public long Next { get; set; }
}

namespace Cartero.Features.Invoicing.CreditNotes;

/// <summary>The note would credit more than what remains of the factura (after its earlier notes); nothing was stored.</summary>
public sealed class CreditNoteExceedsInvoiceException(string message, decimal remaining) : Exception(message)
{
    /// <summary>What can still be credited of the factura, taxes included.</summary>
    public decimal Remaining { get; } = remaining;
}

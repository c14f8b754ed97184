namespace Cartero.Features.Invoicing.CreditNotes;

/// <summary>A row of <c>nota_credito_linea</c>: how much of one line of the factura the note gives back.</summary>
public sealed class CreditNoteLine
{
    public long Id { get; set; }
    public Guid CreditNoteId { get; set; }
    /// <summary>The factura's line, 1-based, in the order of its detalles.</summary>
    public int InvoiceLine { get; set; }
    public string? Code { get; set; }
    public required string Description { get; set; }
    public decimal Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    /// <summary>The part of the line's discount given back with this quantity.</summary>
    public decimal Discount { get; set; }
    /// <summary>precioTotalSinImpuesto of the credited line.</summary>
    public decimal Subtotal { get; set; }
}

namespace Cartero.Features.Invoicing.CreditNotes;

/// <summary>One credited line as the API shows it.</summary>
public sealed record CreditNoteLineDto(int InvoiceLine, string? Code, string Description, decimal Quantity, decimal UnitPrice, decimal Discount, decimal Subtotal)
{
    public static CreditNoteLineDto From(CreditNoteLine l) => new(l.InvoiceLine, l.Code, l.Description, l.Quantity, l.UnitPrice, l.Discount, l.Subtotal);
}

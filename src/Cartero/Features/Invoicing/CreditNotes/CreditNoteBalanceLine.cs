namespace Cartero.Features.Invoicing.CreditNotes;

/// <summary>One line of the factura: what it sold, what was credited of it and what remains.</summary>
public sealed record CreditNoteBalanceLine(int Line, string? Code, string Description, decimal Quantity, decimal UnitPrice, decimal Credited, decimal Remaining);

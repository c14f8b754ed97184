namespace Cartero.Features.Invoicing.CreditNotes;

/// <summary>What an authorised factura has been credited and what remains, in total and per line.</summary>
public sealed record CreditNoteBalance(decimal InvoiceTotal, decimal Credited, decimal Remaining, IReadOnlyList<CreditNoteBalanceLine> Lines);

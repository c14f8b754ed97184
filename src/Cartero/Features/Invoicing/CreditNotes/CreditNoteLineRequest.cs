namespace Cartero.Features.Invoicing.CreditNotes;

/// <summary>One line of a <see cref="CreditNoteRequest"/>.</summary>
/// <param name="Line">The factura's line, 1-based, in the order of its detalles.</param>
/// <param name="Quantity">How much of it is given back; at most what remains of the line; up to 6 decimals.</param>
public sealed record CreditNoteLineRequest(int? Line, decimal? Quantity);

namespace Cartero.Features.Invoicing.CreditNotes;

/// <summary>The answer to a new nota de crédito: where it stands and what remains of the factura after it.</summary>
public sealed record CreditNoteSubmitted(Guid Id, string Status, string Number, string AccessKey, decimal Total, decimal RemainingOfInvoice);

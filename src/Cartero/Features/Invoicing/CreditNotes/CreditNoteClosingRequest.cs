namespace Cartero.Features.Invoicing.CreditNotes;

/// <summary>
/// Body of <c>POST /api/v1/credit-notes/{id}/correction</c> (an optional corrected motivo) and of
/// <c>POST /api/v1/credit-notes/{id}/abandon</c> (why it is abandoned, required).
/// </summary>
public sealed record CreditNoteClosingRequest(string? Reason);

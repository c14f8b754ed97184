namespace Cartero.Features.Invoicing.CreditNotes;

/// <summary>What to credit of an authorised factura: all that remains (no lines) or some lines and quantities, and why.</summary>
/// <param name="Reason">Motivo, printed on the RIDE (e.g. «Devolución de mercadería»); required, one line, up to 300 characters.</param>
/// <param name="Lines">The factura's lines to credit (1-based) with the quantity; null or empty credits all that remains.</param>
/// <param name="IdempotencyKey">Repeats of the same request with this key give back the note first created.</param>
public sealed record CreditNoteRequest(string? Reason, IReadOnlyList<CreditNoteLineRequest>? Lines = null, string? IdempotencyKey = null);

using Cartero.Features.Invoicing.CreditNotes;

namespace Cartero.Pages.Shared;

/// <summary>What the factura page's block of notas de crédito shows.</summary>
public sealed record NotasCreditoView(Guid InvoiceId, IReadOnlyList<CreditNoteDto> Notes, CreditNoteBalance? Balance, bool CanIssue);

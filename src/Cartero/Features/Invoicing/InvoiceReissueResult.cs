namespace Cartero.Features.Invoicing;

/// <summary>Answer of <c>POST /api/v1/invoices/{id}/reissue</c>: the invoice closed as abandonada and the one issued in its place.</summary>
public sealed record InvoiceReissueResult(Guid AbandonedId, string AbandonedNumber, string AbandonedStatus, InvoiceSubmitted Replacement);

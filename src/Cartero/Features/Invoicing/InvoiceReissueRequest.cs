namespace Cartero.Features.Invoicing;

/// <summary>Optional body of <c>POST /api/v1/invoices/{id}/reissue</c>: a note added to the reason the old invoice is closed.</summary>
public sealed record InvoiceReissueRequest(string? Reason);

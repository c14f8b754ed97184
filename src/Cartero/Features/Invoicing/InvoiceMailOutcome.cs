namespace Cartero.Features.Invoicing;

/// <summary>Answer of <c>POST /api/v1/invoices/{id}/email</c>: what became of the message and its row in the send log.</summary>
public sealed record InvoiceMailOutcome(string MailStatus, Guid EmailId, string Detail);

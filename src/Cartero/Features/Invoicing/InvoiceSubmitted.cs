namespace Cartero.Features.Invoicing;

/// <summary>Answer of <c>POST /api/v1/invoices</c>.</summary>
public sealed record InvoiceSubmitted(Guid Id, string Status, string Number, string AccessKey, decimal Total);

namespace Cartero.Features.Invoicing;

/// <summary>Body of <c>POST /api/v1/invoices/{id}/email</c>: send the authorised invoice again, optionally to a new address.</summary>
public sealed record InvoiceResendRequest(string? Address);

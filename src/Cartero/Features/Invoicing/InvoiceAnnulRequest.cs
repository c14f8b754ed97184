namespace Cartero.Features.Invoicing;

/// <summary>
/// Body of <c>POST /api/v1/invoices/{id}/annul</c>: the SRI's reference number of an annulment made in its portal, and
/// the admin's confirmation that it was made there (Cartero cannot annul at the SRI; it records what the SRI did).
/// </summary>
public sealed record InvoiceAnnulRequest(string? SriReference, bool Confirm);

namespace Cartero.Features.Invoicing;

/// <summary>Which invoices a list or an export covers; every part optional.</summary>
/// <param name="Status">SRI state.</param>
/// <param name="Reference">The ERP's sale reference, exact.</param>
/// <param name="AccessKey">Clave de acceso, exact.</param>
/// <param name="From">First fecha de emisión, inclusive.</param>
/// <param name="Until">Last fecha de emisión, inclusive.</param>
public sealed record InvoiceFilter(InvoiceStatus? Status = null, string? Reference = null, string? AccessKey = null, DateOnly? From = null, DateOnly? Until = null);

namespace Cartero.Features.Invoicing;

/// <summary>A detail line of an <see cref="InvoiceRequest"/>.</summary>
/// <param name="Code">Código principal (the product code).</param>
/// <param name="Description">What was sold.</param>
/// <param name="Quantity">Up to 6 decimals.</param>
/// <param name="UnitPrice">Without IVA, up to 6 decimals.</param>
/// <param name="Discount">Discount of the line in dollars.</param>
/// <param name="Tax">"iva15" (default), "iva5", "iva0", "no_objeto", "exento".</param>
public sealed record InvoiceLine(string? Code, string? Description, decimal? Quantity, decimal? UnitPrice, decimal? Discount, string? Tax);

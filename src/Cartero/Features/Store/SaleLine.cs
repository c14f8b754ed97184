namespace Cartero.Features.Store;

/// <summary>One line of a <see cref="Sale"/> (<c>venta_linea</c>), with the product's data as sold.</summary>
public sealed class SaleLine
{
    public Guid Id { get; set; }
    public Guid SaleId { get; set; }
    public Guid ProductId { get; set; }
    public required string Code { get; set; }
    public required string Description { get; set; }
    public int Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    public decimal Discount { get; set; }
    public required string TaxRateCode { get; set; }
    public decimal TaxRate { get; set; }
    /// <summary>precioTotalSinImpuesto, as the SRI computes it.</summary>
    public decimal LineTotal { get; set; }
}

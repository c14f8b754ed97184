namespace Cartero.Features.Store;

/// <summary>Something the shop sells (<c>producto</c>), with its stock and the minimum below which managers are warned.</summary>
public sealed class Product
{
    public Guid Id { get; set; }
    public required string Code { get; set; }
    public required string Description { get; set; }
    /// <summary>One of <see cref="ProductCategories"/>.</summary>
    public required string Category { get; set; }
    /// <summary>Unit price without IVA.</summary>
    public decimal Price { get; set; }
    /// <summary>SRI codigoPorcentaje of IVA (tabla 17): 0, 4 (15 %), 5, 6, 7.</summary>
    public required string TaxRateCode { get; set; }
    public int Stock { get; set; }
    public int MinimumStock { get; set; }
    /// <summary>
    /// Set by the one conditional UPDATE that wins the right to send the stock alert; cleared when the stock is
    /// replenished above the minimum, so the next fall warns again.
    /// </summary>
    public bool StockAlertSent { get; set; }
    public DateTime UpdatedAt { get; set; }
}

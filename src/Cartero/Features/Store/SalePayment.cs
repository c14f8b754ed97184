namespace Cartero.Features.Store;

/// <summary>A payment of a <see cref="Sale"/> (<c>venta_pago</c>) with its SRI forma de pago code.</summary>
public sealed class SalePayment
{
    public Guid Id { get; set; }
    public Guid SaleId { get; set; }
    /// <summary>SRI forma de pago (tabla 24): 01, 15–21.</summary>
    public required string Method { get; set; }
    public decimal Amount { get; set; }
}

namespace Cartero.Features.Store;

/// <summary>A payment: SRI forma de pago code and amount.</summary>
public sealed record SalePaymentRequest(string Method, decimal Amount);

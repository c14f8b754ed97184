namespace Cartero.Features.Store;

/// <summary>One product and how many, with an optional discount in dollars for the line.</summary>
public sealed record SaleLineRequest(Guid ProductId, int Quantity, decimal Discount = 0m);

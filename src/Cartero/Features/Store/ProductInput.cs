namespace Cartero.Features.Store;

/// <summary>A product as typed in the panel or the demo data.</summary>
public sealed record ProductInput(string? Code, string? Description, string? Category, decimal? Price, string? TaxRateCode, int? Stock, int? MinimumStock);

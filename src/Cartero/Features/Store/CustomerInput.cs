namespace Cartero.Features.Store;

/// <summary>What the counter types about a customer.</summary>
public sealed record CustomerInput(string? Names, string? IdType, string? IdNumber, string? Email, string? Phone, string? Address);

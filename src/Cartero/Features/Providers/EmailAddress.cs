namespace Cartero.Features.Providers;

/// <summary>An address with an optional display name.</summary>
public sealed record EmailAddress(string Address, string? Name = null);

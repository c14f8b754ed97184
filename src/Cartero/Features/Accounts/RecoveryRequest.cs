namespace Cartero.Features.Accounts;

/// <summary>An address someone asked a recovery link for, and from where.</summary>
public sealed record RecoveryRequest(string Address, string? Ip);

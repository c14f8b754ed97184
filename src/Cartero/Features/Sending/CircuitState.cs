namespace Cartero.Features.Sending;

/// <summary>The state of one account's circuit: open until when, why, and the run of connection failures.</summary>
public sealed record CircuitState(DateTimeOffset OpenUntil, TimeSpan OpenFor, string Reason, DateTimeOffset OpenedAt, int ConsecutiveConnectionFailures);

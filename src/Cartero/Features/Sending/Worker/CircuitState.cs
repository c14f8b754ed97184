namespace Cartero.Features.Sending.Worker;

/// <summary>
/// The state of one account's circuit: open until when the next probe is due, why, and the run of connection failures.
/// </summary>
/// <param name="OpenUntil">When the next probe of the account may start.</param>
/// <param name="OpenFor">The current wait between probes; zero while the circuit has never opened (only failures counted).</param>
/// <param name="Probing">A slot is checking the account right now.</param>
/// <param name="Trial">The provider has no check that sends nothing: the next real sends are the probe.</param>
public sealed record CircuitState(
    DateTimeOffset OpenUntil,
    TimeSpan OpenFor,
    string Reason,
    DateTimeOffset OpenedAt,
    int ConsecutiveConnectionFailures,
    bool Probing = false,
    bool Trial = false)
{
    /// <summary>The account is paused: no message goes out until a probe (or a trial send) succeeds.</summary>
    public bool IsOpen => OpenFor > TimeSpan.Zero;
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Sending.Worker;

/// <summary>
/// Pauses the queue of an account after an account-wide failure (authentication, certificate, provider unreachable)
/// so messages keep their attempts. While open, one slot checks the account with a probe that sends no message
/// (<see cref="Providers.IEmailProviderSession.ProbeAsync"/>) after <see cref="WorkerOptions.CircuitOpenFor"/>; each
/// failed probe doubles the wait up to <see cref="WorkerOptions.CircuitMaxOpenFor"/>; a probe that succeeds closes the
/// circuit. State is per instance: each instance discovers a broken account with at most one message per slot.
/// </summary>
public sealed class AccountCircuitBreaker(TimeProvider time, IOptions<SendingOptions> options)
{
    private readonly ConcurrentDictionary<string, CircuitState> _circuits = new(StringComparer.Ordinal);
    private readonly WorkerOptions _worker = options.Value.Worker;

    /// <summary>Whether sends for <paramref name="accountKey"/> may go ahead now.</summary>
    public bool IsClosed(string accountKey) =>
        !_circuits.TryGetValue(accountKey, out var state) || !state.IsOpen || state.Trial;

    /// <summary>The open circuit of <paramref name="accountKey"/>, or null while sends may go ahead.</summary>
    public CircuitState? GetOpen(string accountKey) =>
        _circuits.TryGetValue(accountKey, out var state) && state.IsOpen ? state : null;

    public CircuitState? Get(string accountKey) => _circuits.GetValueOrDefault(accountKey);

    public IReadOnlyDictionary<string, CircuitState> Snapshot() => _circuits.ToDictionary(p => p.Key, p => p.Value);

    /// <summary>Opens (or, after a failed probe or trial, re-opens for longer) the circuit; returns when the next probe is due.</summary>
    public DateTimeOffset Open(string accountKey, string reason)
    {
        var now = time.GetUtcNow();
        var first = _worker.CircuitOpenFor > TimeSpan.Zero ? _worker.CircuitOpenFor : TimeSpan.FromSeconds(1);
        var state = _circuits.AddOrUpdate(
            accountKey,
            _ => new CircuitState(now + first, first, reason, now, 0),
            (_, old) =>
            {
                var wait = old.IsOpen
                    ? TimeSpan.FromTicks(Math.Max(first.Ticks, Math.Min(old.OpenFor.Ticks * 2, _worker.CircuitMaxOpenFor.Ticks)))
                    : first;
                return new CircuitState(now + wait, wait, reason, old.IsOpen ? old.OpenedAt : now, old.ConsecutiveConnectionFailures);
            });
        return state.OpenUntil;
    }

    /// <summary>
    /// Claims the probe of an open circuit whose wait is over. Only one caller gets true until the probe is reported
    /// with <see cref="Close"/>, <see cref="Open"/> or <see cref="AllowTrial"/>.
    /// </summary>
    public bool TryBeginProbe(string accountKey)
    {
        while (_circuits.TryGetValue(accountKey, out var state))
        {
            if (!state.IsOpen || state.Probing || state.Trial || state.OpenUntil > time.GetUtcNow())
            {
                return false;
            }

            if (_circuits.TryUpdate(accountKey, state with { Probing = true }, state))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The provider has no probe that sends nothing: let real sends through; the first answer decides.</summary>
    public void AllowTrial(string accountKey)
    {
        while (_circuits.TryGetValue(accountKey, out var state) && state.IsOpen && !state.Trial)
        {
            if (_circuits.TryUpdate(accountKey, state with { Probing = false, Trial = true }, state))
            {
                return;
            }
        }
    }

    /// <summary>A probe or a message went through: the account works again.</summary>
    public void Close(string accountKey) => _circuits.TryRemove(accountKey, out _);

    /// <summary>A message went through: the account works again.</summary>
    public void RecordSuccess(string accountKey) => Close(accountKey);

    /// <summary>
    /// Counts a failure where the provider stopped answering after the message was on its way; enough of them in a
    /// row mean the provider is down, which opens the circuit. Returns true when this call opened it.
    /// </summary>
    public bool RecordConnectionFailure(string accountKey, string reason)
    {
        var now = time.GetUtcNow();
        var state = _circuits.AddOrUpdate(
            accountKey,
            _ => new CircuitState(DateTimeOffset.MinValue, TimeSpan.Zero, reason, now, 1),
            (_, old) => old with { ConsecutiveConnectionFailures = old.ConsecutiveConnectionFailures + 1, Reason = reason });
        if ((!state.IsOpen || state.Trial) && state.ConsecutiveConnectionFailures >= _worker.ConnectionFailuresToOpenCircuit)
        {
            Open(accountKey, $"El proveedor no responde ({state.ConsecutiveConnectionFailures} fallos de conexión seguidos): {reason}");
            return true;
        }

        return false;
    }
}

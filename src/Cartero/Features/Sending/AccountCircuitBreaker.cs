using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Sending;

/// <summary>
/// Pauses the queue of an account after an account-wide failure (authentication, certificate, provider
/// down) so messages keep their attempts. Open for a while, then one probe; each failed probe doubles the wait.
/// State is per instance: each instance discovers a broken account with at most one message per slot.
/// </summary>
public sealed class AccountCircuitBreaker(TimeProvider time, IOptions<SendingOptions> options)
{
    private readonly ConcurrentDictionary<string, CircuitState> _circuits = new(StringComparer.Ordinal);
    private readonly WorkerOptions _worker = options.Value.Worker;

    /// <summary>Whether sends for <paramref name="accountKey"/> may go ahead now.</summary>
    public bool IsClosed(string accountKey) =>
        !_circuits.TryGetValue(accountKey, out var state) || state.OpenUntil <= time.GetUtcNow();

    public CircuitState? Get(string accountKey) => _circuits.GetValueOrDefault(accountKey);

    public IReadOnlyDictionary<string, CircuitState> Snapshot() => _circuits.ToDictionary(p => p.Key, p => p.Value);

    /// <summary>Opens (or re-opens for longer) the circuit; returns until when it stays open.</summary>
    public DateTimeOffset Open(string accountKey, string reason)
    {
        var now = time.GetUtcNow();
        var state = _circuits.AddOrUpdate(
            accountKey,
            _ => new CircuitState(now + _worker.CircuitOpenFor, _worker.CircuitOpenFor, reason, now, 0),
            (_, old) =>
            {
                var wasOpen = old.OpenFor > TimeSpan.Zero;
                var wait = wasOpen
                    ? TimeSpan.FromTicks(Math.Min(old.OpenFor.Ticks * 2, _worker.CircuitMaxOpenFor.Ticks))
                    : _worker.CircuitOpenFor;
                return new CircuitState(now + wait, wait, reason, wasOpen ? old.OpenedAt : now, 0);
            });
        return state.OpenUntil;
    }

    /// <summary>A message went through: the account works again.</summary>
    public void RecordSuccess(string accountKey) => _circuits.TryRemove(accountKey, out _);

    /// <summary>
    /// Counts a failure where the provider did not answer at all; enough of them in a row mean the provider is
    /// down, which opens the circuit. Returns true when this call opened it.
    /// </summary>
    public bool RecordConnectionFailure(string accountKey, string reason)
    {
        var now = time.GetUtcNow();
        var state = _circuits.AddOrUpdate(
            accountKey,
            _ => new CircuitState(DateTimeOffset.MinValue, TimeSpan.Zero, reason, now, 1),
            (_, old) => old with { ConsecutiveConnectionFailures = old.ConsecutiveConnectionFailures + 1, Reason = reason });
        if (state.OpenUntil <= now && state.ConsecutiveConnectionFailures >= _worker.ConnectionFailuresToOpenCircuit)
        {
            Open(accountKey, $"El proveedor no responde ({state.ConsecutiveConnectionFailures} fallos de conexión seguidos): {reason}");
            return true;
        }

        return false;
    }
}

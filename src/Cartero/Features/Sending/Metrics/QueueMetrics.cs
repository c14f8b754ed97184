using System.Diagnostics.Metrics;
using Cartero.Features.Providers;
using Cartero.Features.Sending.Worker;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Sending.Metrics;

/// <summary>
/// The queue's gauges of the <c>Cartero</c> meter: depth per state, the age of the oldest due email and whether the
/// current account's circuit is open. Observable callbacks are synchronous, so the figures come from a snapshot that
/// <see cref="RefreshAsync"/> takes just before each scrape of <c>/metrics</c> (one short query, not one per gauge).
/// </summary>
public sealed class QueueMetrics
{
    private readonly IServiceScopeFactory _scopes;
    private readonly AccountCircuitBreaker _circuit;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private Snapshot _snapshot = new(0, 0, 0, null, "", false);

    public QueueMetrics(IMeterFactory meters, OwnMeters own, IServiceScopeFactory scopes, AccountCircuitBreaker circuit, TimeProvider time)
    {
        _scopes = scopes;
        _circuit = circuit;
        _time = time;
        var meter = own.Create(meters, SendingMetrics.MeterName);
        meter.CreateObservableGauge("cartero.queue.depth", Depth, unit: "{correo}", description: "Correos en espera o en envío, por estado");
        meter.CreateObservableGauge("cartero.queue.oldest_due_age", OldestDueAge, unit: "s", description: "Antigüedad del correo vencido más antiguo");
        meter.CreateObservableGauge("cartero.circuit.open", CircuitOpen, description: "1 si la cuenta de envío está en pausa");
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CarteroDbContext>();
            var now = _time.GetUtcNow();
            var counts = await db.Emails
                .Where(e => e.Status == EmailStatus.EnCola || e.Status == EmailStatus.Reintento || e.Status == EmailStatus.Enviando)
                .GroupBy(e => e.Status)
                .Select(g => new { Status = g.Key, Count = g.LongCount() })
                .ToListAsync(cancellationToken);
            var oldestDue = await EmailClaimer.DueRows(db, now.UtcDateTime).Select(e => e.NextAttemptAt).FirstOrDefaultAsync(cancellationToken);
            var account = await scope.ServiceProvider.GetRequiredService<IMailAccountSource>().GetCurrentAsync(cancellationToken);
            var open = _circuit.Get(account.Key) is { } state && state.OpenUntil > now;
            long Count(EmailStatus status) => counts.FirstOrDefault(c => c.Status == status)?.Count ?? 0;
            _snapshot = new Snapshot(Count(EmailStatus.EnCola), Count(EmailStatus.Reintento), Count(EmailStatus.Enviando),
                oldestDue is { } due ? Math.Max(0, (now.UtcDateTime - due).TotalSeconds) : null, account.Provider, open);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private IEnumerable<Measurement<long>> Depth()
    {
        var s = _snapshot;
        yield return new Measurement<long>(s.EnCola, new KeyValuePair<string, object?>("estado", EmailStatus.EnCola.ToCode()));
        yield return new Measurement<long>(s.Reintento, new KeyValuePair<string, object?>("estado", EmailStatus.Reintento.ToCode()));
        yield return new Measurement<long>(s.Enviando, new KeyValuePair<string, object?>("estado", EmailStatus.Enviando.ToCode()));
    }

    private double OldestDueAge() => _snapshot.OldestDueAgeSeconds ?? 0;

    private Measurement<int> CircuitOpen() =>
        new(_snapshot.CircuitOpen ? 1 : 0, new KeyValuePair<string, object?>("proveedor", _snapshot.Provider));

    private sealed record Snapshot(long EnCola, long Reintento, long Enviando, double? OldestDueAgeSeconds, string Provider, bool CircuitOpen);
}

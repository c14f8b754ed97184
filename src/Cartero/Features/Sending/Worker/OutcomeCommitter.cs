using System.Threading.Channels;
using Cartero.Platform.Data;

namespace Cartero.Features.Sending.Worker;

/// <summary>
/// Group commit of the worker's outcomes. A slot hands over each email as soon as the state machine has recorded its
/// attempt in memory; one loop saves whatever the slots handed over since the last save, in one transaction, at most
/// <see cref="WorkerOptions.RecordInterval"/> later (sooner once half of <see cref="WorkerOptions.MaxUnrecorded"/> is
/// waiting). A slot takes a permit before it gives a message to the provider and the permit comes back when the outcome
/// is committed, so never more than <see cref="WorkerOptions.MaxUnrecorded"/> messages are sent or being sent without
/// their record being durable: that, not the batch size, bounds what a crash can send twice.
/// </summary>
internal sealed partial class OutcomeCommitter
{
    private readonly Channel<Item> _pending = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _permits;
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly IServiceScopeFactory _scopes;
    private readonly EmailTransitionWriter _writer;
    private readonly TimeSpan _interval;
    private readonly int _threshold;
    private readonly ILogger _log;
    private int _waiting;
    private volatile bool _completing;

    public OutcomeCommitter(IServiceScopeFactory scopes, EmailTransitionWriter writer, WorkerOptions options, ILogger log)
    {
        _scopes = scopes;
        _writer = writer;
        _log = log;
        _interval = options.RecordInterval > TimeSpan.Zero ? options.RecordInterval : TimeSpan.FromMilliseconds(1);
        var max = Math.Max(1, options.MaxUnrecorded);
        _permits = new SemaphoreSlim(max, max);
        _threshold = Math.Max(1, max / 2);
    }

    /// <summary>Waits until one more message may be sent without exceeding the unrecorded maximum.</summary>
    public Task AcquirePermitAsync(CancellationToken cancellationToken) => _permits.WaitAsync(cancellationToken);

    /// <summary>Gives back a permit taken for a message that was never handed to the provider.</summary>
    public void ReleasePermit() => _permits.Release();

    /// <summary>Queues the pending transitions of <paramref name="entry"/>; <paramref name="permit"/> when a permit was taken for it.</summary>
    public void Add(EmailLogEntry entry, bool permit)
    {
        if (!_pending.Writer.TryWrite(new Item(entry, permit)))
        {
            throw new InvalidOperationException("El registro de resultados del envío ya se cerró.");
        }

        if (Interlocked.Increment(ref _waiting) == _threshold)
        {
            _wake.Release();
        }
    }

    /// <summary>No more outcomes will come: the loop saves what is queued without waiting and ends.</summary>
    public void Complete()
    {
        _completing = true;
        _pending.Writer.TryComplete();
        _wake.Release();
    }

    /// <summary>Runs until <see cref="Complete"/> and everything queued is saved, or <paramref name="abandon"/> fires.</summary>
    public async Task RunAsync(CancellationToken abandon)
    {
        var group = new List<Item>();
        while (await _pending.Reader.WaitToReadAsync(abandon))
        {
            if (!_completing)
            {
                // Let outcomes of the other slots join this transaction: one commit per interval, not per message.
                await _wake.WaitAsync(_interval, abandon);
            }

            while (_wake.CurrentCount > 0 && _wake.Wait(0))
            {
                // A wake-up left over from the group just taken.
            }

            while (_pending.Reader.TryRead(out var item))
            {
                group.Add(item);
            }

            Interlocked.Add(ref _waiting, -group.Count);
            await SaveAsync(group, abandon);
            var permits = group.Count(i => i.Permit);
            if (permits > 0)
            {
                _permits.Release(permits);
            }

            group.Clear();
        }
    }

    private async Task SaveAsync(List<Item> group, CancellationToken abandon)
    {
        var entries = group.Select(i => i.Entry).ToList();
        for (var failures = 1; ; failures++)
        {
            // The writer clears the events it wrote; a transaction that fails must be retried with all of them.
            var events = entries.Select(e => e.Events.ToList()).ToList();
            var stored = entries.Select(e => e.AsStored?.ToArray()).ToList();
            var gate = false;
            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CarteroDbContext>();
                if (db.Engine == DatabaseEngine.Sqlite)
                {
                    await EmailClaimer.SqliteGate.WaitAsync(abandon);
                    gate = true;
                }

                await using var tx = await db.Database.BeginTransactionAsync(abandon);
                await _writer.SaveAsync(db, entries, abandon);
                await tx.CommitAsync(abandon);
                return;
            }
            catch (Exception ex) when (!abandon.IsCancellationRequested)
            {
                // Database unreachable: the rows keep their lease (renewed while this instance lives) and the outcomes wait here.
                for (var i = 0; i < entries.Count; i++)
                {
                    entries[i].Events.Clear();
                    entries[i].Events.AddRange(events[i]);
                    // The writer remembered what it wrote; rolled back, the row is as it was.
                    entries[i].AsStored = stored[i];
                }

                LogSaveFailed(_log, ex, entries.Count);
            }
            finally
            {
                if (gate)
                {
                    EmailClaimer.SqliteGate.Release();
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(failures, 5)) / 4)), abandon);
        }
    }

    private readonly record struct Item(EmailLogEntry Entry, bool Permit);

    [LoggerMessage(Level = LogLevel.Error, Message = "No se pudo guardar el resultado de {Count} envíos; se reintentará")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, int count);
}

using System.Diagnostics;
using Cartero.Features.Providers;
using Cartero.Features.Settings;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Sending;

/// <summary>
/// The background worker: a few slots, each claiming batches of due emails with a lease and sending them
/// through one kept-alive provider session, recording every attempt as it happens.
/// </summary>
public sealed partial class EmailDispatcher(
    IServiceScopeFactory scopes,
    IMailAccountSource accounts,
    EmailProviderRegistry providers,
    EmailClaimer claimer,
    SendAttemptRecorder recorder,
    EmailTransitionWriter writer,
    OutgoingEmailFactory outgoing,
    AccountCircuitBreaker circuit,
    WorkSignal signal,
    SendingMetrics metrics,
    TimeProvider time,
    IOptions<SendingOptions> options,
    ILogger<EmailDispatcher> log) : BackgroundService
{
    private readonly WorkerOptions _worker = options.Value.Worker;
    private readonly string _instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_worker.Enabled)
        {
            LogDisabled(log);
            return;
        }

        var slots = Enumerable.Range(1, Math.Max(1, _worker.Concurrency))
            .Select(i => Task.Run(() => RunSlotAsync($"{_instance}:{i}", stoppingToken), stoppingToken));
        await Task.WhenAll(slots);
    }

    private async Task RunSlotAsync(string owner, CancellationToken stoppingToken)
    {
        IEmailProviderSession? session = null;
        var sessionVersion = (Provider: "", Version: -1);
        var failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var account = await accounts.GetCurrentAsync(stoppingToken);
                    if (circuit.Get(account.Key) is { } open && open.OpenUntil > time.GetUtcNow())
                    {
                        var wait = open.OpenUntil - time.GetUtcNow();
                        await signal.WaitAsync(wait < _worker.PollInterval ? wait : _worker.PollInterval, stoppingToken);
                        continue;
                    }

                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<CarteroDbContext>();
                    var batch = await claimer.ClaimAsync(db, owner, _worker.BatchSize, stoppingToken);
                    if (batch.Count == 0)
                    {
                        await signal.WaitAsync(_worker.PollInterval, stoppingToken);
                        continue;
                    }

                    var ids = batch.Select(e => e.Id).ToList();
                    var contents = await db.EmailContents.AsNoTracking().Where(c => ids.Contains(c.EmailId)).ToDictionaryAsync(c => c.EmailId, stoppingToken);
                    foreach (var entry in batch)
                    {
                        entry.Content = contents.GetValueOrDefault(entry.Id);
                    }

                    if (session is null || sessionVersion != (account.Provider, account.Version))
                    {
                        if (session is not null)
                        {
                            await session.DisposeAsync();
                        }

                        session = await providers.Get(account.Provider).OpenSessionAsync(account, stoppingToken);
                        sessionVersion = (account.Provider, account.Version);
                    }

                    await SendBatchAsync(db, batch, account, session, owner, stoppingToken);
                    failures = 0;
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    // Unexpected (database down, a bug): rows keep their lease and are taken over when it expires.
                    failures++;
                    LogSlotError(log, ex, owner);
                    if (session is not null)
                    {
                        await session.DisposeAsync();
                        session = null;
                    }

                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, failures))), time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }
    }

    /// <remarks>
    /// The outcomes of a batch are saved together, in one transaction: one commit per batch instead of one per
    /// message. If the process dies mid-batch, the rows it had sent stay in <c>enviando</c> and are sent again
    /// when their lease expires (same <c>Message-Id</c>), which is the at-least-once contract of the queue.
    /// </remarks>
    private async Task SendBatchAsync(CarteroDbContext db, List<EmailLogEntry> batch, MailAccount account, IEmailProviderSession session, string owner, CancellationToken stoppingToken)
    {
        foreach (var entry in batch)
        {
            if (circuit.Get(account.Key) is { } open && open.OpenUntil > time.GetUtcNow())
            {
                recorder.RecordAccountPause(entry, open.Reason, null, account.Provider, open.OpenUntil, owner);
                continue;
            }

            var started = Stopwatch.GetTimestamp();
            var result = await session.SendAsync(outgoing.Create(entry), stoppingToken);
            var elapsed = Stopwatch.GetElapsedTime(started);

            if (result.Outcome == SendOutcome.AccountFailure)
            {
                var until = circuit.Open(account.Key, result.Detail);
                LogCircuitOpened(log, account.Provider, until, result.Detail);
                recorder.RecordAccountPause(entry, result.Detail, result.Code, account.Provider, until, owner);
                metrics.Record(EmailStatus.EnCola, account.Provider, elapsed);
            }
            else
            {
                var status = recorder.Record(entry, result, account.Provider, elapsed, owner);
                metrics.Record(status, account.Provider, elapsed);
                if (result.Outcome == SendOutcome.Accepted)
                {
                    circuit.RecordSuccess(account.Key);
                }
                else if (result.Outcome == SendOutcome.Transient && result.Code is null &&
                         circuit.RecordConnectionFailure(account.Key, result.Detail))
                {
                    LogCircuitOpened(log, account.Provider, circuit.Get(account.Key)!.OpenUntil, result.Detail);
                }
            }
        }

        await using var tx = await db.Database.BeginTransactionAsync(stoppingToken);
        await writer.SaveAsync(db, batch, stoppingToken);
        await tx.CommitAsync(stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "El envío en segundo plano está desactivado en esta instancia (Cartero:Worker:Enabled=false).")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Error inesperado en el envío {Owner}; se reintentará")]
    private static partial void LogSlotError(ILogger logger, Exception exception, string owner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cuenta de envío {Provider} en pausa hasta {Until:O}: {Reason}")]
    private static partial void LogCircuitOpened(ILogger logger, string provider, DateTimeOffset until, string reason);
}

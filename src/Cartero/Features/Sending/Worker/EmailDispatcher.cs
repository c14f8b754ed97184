using System.Diagnostics;
using Cartero.Features.Providers;
using Cartero.Features.Sending.Archive;
using Cartero.Features.Sending.Metrics;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Sending.Worker;

/// <summary>
/// The background worker: a few slots, each claiming batches of due emails with a lease and sending them through one
/// kept-alive provider session. Outcomes are committed by one <see cref="OutcomeCommitter"/> for all slots (group
/// commit, at most <see cref="WorkerOptions.RecordInterval"/> after each attempt); the leases of rows still held are
/// renewed on a timer; on a normal stop the slots stop claiming, finish the message in flight and hand the rest back.
/// </summary>
public sealed partial class EmailDispatcher(
    IServiceScopeFactory scopes,
    IMailAccountSource accounts,
    EmailProviderRegistry providers,
    EmailClaimer claimer,
    SendAttemptRecorder recorder,
    EmailTransitionWriter writer,
    OutgoingEmailFactory outgoing,
    SentMessageArchive archive,
    AccountCircuitBreaker circuit,
    [FromKeyedServices(SendingModule.WorkSignalKey)] Platform.WorkSignal signal,
    SendingMetrics metrics,
    TimeProvider time,
    IOptions<SendingOptions> options,
    IOptions<HostOptions> host,
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

        // The host waits ShutdownTimeout for this method after a stop. Half of it may go to the messages in flight;
        // the records of what was accepted and the rows handed back get the rest.
        var shutdown = host.Value.ShutdownTimeout is var t && t > TimeSpan.FromSeconds(2) && t != Timeout.InfiniteTimeSpan ? t : TimeSpan.FromSeconds(30);
        using var sendDeadline = new CancellationTokenSource();
        using var writeDeadline = new CancellationTokenSource();
        using var stopRenewing = new CancellationTokenSource();
        await using var onStop = stoppingToken.Register(() =>
        {
            LogStopping(log, _instance);
            sendDeadline.CancelAfter(shutdown / 2);
            writeDeadline.CancelAfter(shutdown - TimeSpan.FromSeconds(1));
        });

        var committer = new OutcomeCommitter(scopes, writer, _worker, log);
        var committing = committer.RunAsync(writeDeadline.Token);
        var owners = Enumerable.Range(1, Math.Max(1, _worker.Concurrency)).Select(i => $"{_instance}:{i}").ToArray();
        var renewing = RenewLeasesAsync(owners, stopRenewing.Token);
        try
        {
            await Task.WhenAll(owners.Select(owner => Task.Run(() => RunSlotAsync(owner, committer, stoppingToken, sendDeadline.Token), CancellationToken.None)));
        }
        finally
        {
            committer.Complete();
            try
            {
                await committing;
            }
            catch (OperationCanceledException) when (writeDeadline.IsCancellationRequested)
            {
                // Out of time: rows not recorded keep their lease and are taken over when it expires.
            }

            await stopRenewing.CancelAsync();
            await renewing;
        }

        LogStopped(log, _instance);
    }

    private async Task RenewLeasesAsync(string[] owners, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromTicks(Math.Max(_worker.Lease.Ticks / 3, TimeSpan.FromMilliseconds(100).Ticks)), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await claimer.RenewAsync(scope.ServiceProvider.GetRequiredService<CarteroDbContext>(), owners, stop);
                }
                catch (Exception ex) when (!stop.IsCancellationRequested)
                {
                    LogRenewFailed(log, ex, _instance);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The slots are done.
        }
    }

    private async Task RunSlotAsync(string owner, OutcomeCommitter committer, CancellationToken stoppingToken, CancellationToken sendDeadline)
    {
        var slot = new SlotSession();
        var failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var account = await accounts.GetCurrentAsync(stoppingToken);
                    if (!circuit.IsClosed(account.Key))
                    {
                        if (circuit.TryBeginProbe(account.Key))
                        {
                            await ProbeAsync(account, slot, stoppingToken);
                        }
                        else if (circuit.GetOpen(account.Key) is { } open)
                        {
                            // Wait for the probe's time, or for the slot that probes to report that the account works.
                            var wait = open.OpenUntil - time.GetUtcNow();
                            await signal.WaitAsync(wait > TimeSpan.Zero && wait < _worker.PollInterval ? wait : _worker.PollInterval, stoppingToken);
                        }

                        continue;
                    }

                    List<EmailLogEntry> batch;
                    await using (var scope = scopes.CreateAsyncScope())
                    {
                        // Once a claim has started it completes (its rows are then sent or handed back), even on a stop.
                        batch = await claimer.ClaimAsync(scope.ServiceProvider.GetRequiredService<CarteroDbContext>(), owner, _worker.BatchSize, sendDeadline);
                    }

                    if (batch.Count == 0)
                    {
                        await signal.WaitAsync(_worker.PollInterval, stoppingToken);
                        continue;
                    }

                    await SendBatchAsync(batch, account, slot, owner, committer, stoppingToken, sendDeadline);
                    failures = 0;
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    // Unexpected (database down, a bug): the batch's unsent rows went back to the queue; try again later.
                    failures++;
                    LogSlotError(log, ex, owner);
                    await slot.CloseAsync();
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
            await slot.CloseAsync();
        }
    }

    /// <summary>
    /// Sends the batch one message after another and hands each outcome to the committer at once. Whatever is left when
    /// the worker stops (or the batch fails) goes back to the queue, except a message the provider may have received:
    /// that one keeps its lease and is taken over when it expires (same <c>Message-Id</c>).
    /// </summary>
    private async Task SendBatchAsync(List<EmailLogEntry> batch, MailAccount account, SlotSession slot, string owner, OutcomeCommitter committer,
        CancellationToken stoppingToken, CancellationToken sendDeadline)
    {
        var handled = 0;
        var inDoubt = false;
        IReadOnlyDictionary<string, string> suppressed = new Dictionary<string, string>();
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<CarteroDbContext>();
                var ids = batch.Select(e => e.Id).ToList();
                var contents = await db.EmailContents.AsNoTracking().Where(c => ids.Contains(c.EmailId)).ToDictionaryAsync(c => c.EmailId, sendDeadline);
                foreach (var entry in batch)
                {
                    entry.Content = contents.GetValueOrDefault(entry.Id);
                }

                if (scope.ServiceProvider.GetService<IRecipientSuppression>() is { } suppression)
                {
                    suppressed = await suppression.FindAsync([.. batch.SelectMany(SuppressionCheck.Recipients).Distinct(StringComparer.OrdinalIgnoreCase)], sendDeadline);
                }
            }

            var session = await slot.ForAsync(account, providers, stoppingToken);
            for (; handled < batch.Count && !stoppingToken.IsCancellationRequested; handled++)
            {
                var entry = batch[handled];
                if (!circuit.IsClosed(account.Key) && circuit.GetOpen(account.Key) is { } open)
                {
                    recorder.RecordAccountPause(entry, open.Reason, null, account.Provider, open.OpenUntil, owner);
                    committer.Add(entry, permit: false);
                    continue;
                }

                if (suppressed.Count > 0 && suppressed.TryGetValue(entry.ToAddress.Trim().ToLowerInvariant(), out var reason))
                {
                    recorder.RecordSuppressed(entry, reason, owner);
                    committer.Add(entry, permit: false);
                    continue;
                }

                var message = await outgoing.CreateForSendAsync(entry, sendDeadline);
                if (suppressed.Count > 0 && SuppressionCheck.DropSuppressed(message, suppressed) is { } dropped)
                {
                    // A suppressed Cc or Bcc is left out of the envelope (an event says so); the others get the message.
                    foreach (var (address, why) in dropped.Suppressed)
                    {
                        recorder.RecordSuppressedRecipient(entry, address, why, owner);
                    }

                    if (dropped.Message is null)
                    {
                        recorder.RecordSuppressed(entry, dropped.Suppressed[0].Reason, owner);
                        committer.Add(entry, permit: false);
                        continue;
                    }

                    message = dropped.Message;
                }

                await committer.AcquirePermitAsync(stoppingToken);
                inDoubt = true;
                var started = Stopwatch.GetTimestamp();
                var result = await session.SendAsync(message, sendDeadline);
                var elapsed = Stopwatch.GetElapsedTime(started);
                // The server has the message: keeping its copy is not cancelled by a stop. A message completed at send
                // time with a secret (a password link) is never kept: only its hash is recorded.
                if (!message.HoldsSendTimeSecret)
                {
                    await archive.KeepAsync(entry.Id, result, CancellationToken.None);
                }

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

                committer.Add(entry, permit: true);
                inDoubt = false;
            }
        }
        finally
        {
            var unsent = batch.Count - handled - (inDoubt ? 1 : 0);
            if (unsent > 0)
            {
                foreach (var entry in batch.Skip(batch.Count - unsent))
                {
                    recorder.RecordHandBack(entry, owner);
                    committer.Add(entry, permit: false);
                }

                LogHandedBack(log, owner, unsent);
            }
        }
    }

    /// <summary>
    /// Checks a paused account without sending a message (no row is touched, so no attempt is spent). Success closes
    /// the circuit and wakes the other slots; failure re-opens it for longer; a provider without such a check lets the
    /// next real sends decide (an account-wide failure of theirs spends no attempt either).
    /// </summary>
    private async Task ProbeAsync(MailAccount account, SlotSession slot, CancellationToken stoppingToken)
    {
        var reported = false;
        try
        {
            var session = await slot.ForAsync(account, providers, stoppingToken);
            var result = await session.ProbeAsync(stoppingToken);
            reported = true;
            if (result is null)
            {
                circuit.AllowTrial(account.Key);
                LogCircuitTrial(log, account.Provider);
                signal.Notify();
            }
            else if (result.Outcome == SendOutcome.Accepted)
            {
                circuit.Close(account.Key);
                LogCircuitClosed(log, account.Provider);
                signal.Notify(_worker.Concurrency);
            }
            else
            {
                var until = circuit.Open(account.Key, result.Detail);
                await slot.CloseAsync();
                LogProbeFailed(log, account.Provider, until, result.Detail);
            }
        }
        finally
        {
            if (!reported)
            {
                // Stopped or failed mid-probe: the next probe is due after the usual wait, never stuck "probing".
                circuit.Open(account.Key, circuit.GetOpen(account.Key)?.Reason ?? "La comprobación de la cuenta no terminó");
            }
        }
    }

    /// <summary>The slot's kept-alive provider session, reopened when the account changes.</summary>
    private sealed class SlotSession
    {
        private IEmailProviderSession? _session;
        private (string Provider, int Version) _version = ("", -1);

        public async Task<IEmailProviderSession> ForAsync(MailAccount account, EmailProviderRegistry providers, CancellationToken cancellationToken)
        {
            if (_session is not null && _version == (account.Provider, account.Version))
            {
                return _session;
            }

            await CloseAsync();
            _session = await providers.Get(account.Provider).OpenSessionAsync(account, cancellationToken);
            _version = (account.Provider, account.Version);
            return _session;
        }

        public async Task CloseAsync()
        {
            if (_session is not null)
            {
                await _session.DisposeAsync();
                _session = null;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "El envío {Instance} se detiene: no reserva más correos, termina el que está enviando y devuelve el resto a la cola")]
    private static partial void LogStopping(ILogger logger, string instance);

    [LoggerMessage(Level = LogLevel.Information, Message = "El envío {Instance} se detuvo")]
    private static partial void LogStopped(ILogger logger, string instance);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Owner} devolvió {Count} correos sin enviar a la cola")]
    private static partial void LogHandedBack(ILogger logger, string owner, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No se pudo renovar la reserva de los correos de {Instance}; se reintentará")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string instance);

    [LoggerMessage(Level = LogLevel.Information, Message = "El envío en segundo plano está desactivado en esta instancia (Cartero:Worker:Enabled=false).")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Error inesperado en el envío {Owner}; se reintentará")]
    private static partial void LogSlotError(ILogger logger, Exception exception, string owner);

    [LoggerMessage(Level = LogLevel.Information, Message = "La cuenta de envío {Provider} responde de nuevo; se reanuda el envío")]
    private static partial void LogCircuitClosed(ILogger logger, string provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "La cuenta de envío {Provider} no tiene una comprobación sin envío; el próximo correo decide si se reanuda")]
    private static partial void LogCircuitTrial(ILogger logger, string provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "La cuenta de envío {Provider} sigue sin responder; próxima comprobación {Until:O}: {Reason}")]
    private static partial void LogProbeFailed(ILogger logger, string provider, DateTimeOffset until, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cuenta de envío {Provider} en pausa hasta {Until:O}: {Reason}")]
    private static partial void LogCircuitOpened(ILogger logger, string provider, DateTimeOffset until, string reason);
}

using Microsoft.Extensions.Options;

namespace Cartero.Features.Tracking.Bounces;

/// <summary>Reads the bounce mailbox every <see cref="BounceMailboxOptions.Interval"/>; a failed pass is recorded and retried on the next tick.</summary>
public sealed partial class BounceMailboxService(BounceMailboxReader reader, IOptions<BounceMailboxOptions> options, TimeProvider time, ILogger<BounceMailboxService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                await reader.RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The reader records its own failures; this is only the status write itself failing (database down).
                LogTickFailed(log, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No se pudo revisar el buzón de rebotes; se reintentará en el próximo intervalo.")]
    private static partial void LogTickFailed(ILogger logger, Exception ex);
}

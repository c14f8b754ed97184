using Microsoft.Extensions.Options;

namespace Cartero.Features.Retention;

/// <summary>The daily purge of content past its term (<see cref="ContentPurger"/>).</summary>
public sealed partial class RetentionService(ContentPurger purger, TimeProvider time, IOptions<RetentionOptions> options, ILogger<RetentionService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.JobEnabled)
        {
            return;
        }

        await Task.Delay(options.Value.FirstRunDelay, time, stoppingToken);
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                if (await purger.RunAsync(stoppingToken) is { } purged)
                {
                    LogPurged(log, purged);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Nothing is half done: each email is purged in its own transaction; the next run picks up the rest.
                LogFailed(log, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retención: se depuró el contenido de {Cantidad} correos")]
    private static partial void LogPurged(ILogger logger, int cantidad);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retención: la depuración falló; se reintentará en la próxima pasada")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

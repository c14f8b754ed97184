using Microsoft.Extensions.Options;

namespace Cartero.Features.Audit;

/// <summary>
/// Seals pre-keyed rows once (<see cref="ChainSealer"/>), then writes a checkpoint at start, every
/// <see cref="AuditOptions.CheckpointInterval"/> and on shutdown, so a cut tail shows even after the process is gone.
/// </summary>
internal sealed partial class ChainCheckpointService(IServiceProvider services, IOptions<AuditOptions> options, TimeProvider time, ILogger<ChainCheckpointService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<ChainSealer>().EnsureSealedAsync(stoppingToken);
            }

            await WriteAsync(stoppingToken);
            using var timer = new PeriodicTimer(options.Value.CheckpointInterval, time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await WriteAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await WriteAsync(cancellationToken);
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ChainCheckpointWriter>().WriteAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed checkpoint must not stop the app; the next one (or the one at shutdown) tries again.
            LogFailed(log, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "No se pudo escribir el punto de control de las cadenas de integridad")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

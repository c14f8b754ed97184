using Microsoft.Extensions.Options;

namespace Cartero.Features.Tracking;

/// <summary>Runs <see cref="WaitingReportPass"/> every <see cref="TrackingOptions.WaitingReportInterval"/>; a failed pass is retried on the next tick.</summary>
public sealed partial class WaitingReportService(WaitingReportPass pass, IOptions<TrackingOptions> options, TimeProvider time, ILogger<WaitingReportService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.WaitingReportInterval > TimeSpan.Zero ? options.Value.WaitingReportInterval : TimeSpan.FromSeconds(15);
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await pass.RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Database down or a report that failed to apply: the rows stay and the next tick tries again.
                LogTickFailed(log, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No se pudieron aplicar los reportes en espera; se reintentará en el próximo intervalo.")]
    private static partial void LogTickFailed(ILogger logger, Exception ex);
}

using Cartero.Platform.Data;

namespace Cartero.Features.Statistics;

/// <summary>Runs <see cref="StatisticsCompactor"/> every minute so the change rows stay few and statistics stay fast.</summary>
public sealed class StatisticsCompactionService(
    IServiceScopeFactory scopes, StatisticsCompactor compactor, TimeProvider time, ILogger<StatisticsCompactionService> log) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await compactor.FoldAsync(scope.ServiceProvider.GetRequiredService<CarteroDbContext>(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Nothing is lost: the changes stay appended and statistics still add them; the next tick retries.
                log.LogWarning(ex, "No se pudieron consolidar las estadísticas diarias; se reintentará en {Intervalo}.", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

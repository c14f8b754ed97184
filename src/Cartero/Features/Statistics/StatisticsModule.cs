using Cartero.Platform.Auth;
using Cartero.Platform.Web;

namespace Cartero.Features.Statistics;

/// <summary>Send statistics: daily rollups kept by triggers, their compaction, the query and <c>GET /api/v1/stats</c>.</summary>
public static class StatisticsModule
{
    public static IServiceCollection AddStatistics(this IServiceCollection services) =>
        services.AddScoped<EmailStatisticsQuery>().AddSingleton<StatisticsCompactor>().AddHostedService<StatisticsCompactionService>();

    public static IEndpointRouteBuilder MapStatistics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/stats", async (string? from, string? until, EmailStatisticsQuery stats, TimeProvider time, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                var today = DateOnly.FromDateTime(EcuadorTime.ToLocal(time.GetUtcNow().UtcDateTime));
                var period = StatisticsPeriod.Parse(from, until, today, "from", "until", errors);
                return period is null
                    ? Results.ValidationProblem(errors, title: "Período inválido")
                    : Results.Ok(await stats.ComputeAsync(period.First, period.Last, ct));
            })
            .RequireAuthorization(CarteroPolicies.Statistics)
            .WithTags("Estadísticas")
            .WithName("Estadisticas")
            .Produces<EmailStatistics>()
            .ProducesValidationProblem();

        return app;
    }
}

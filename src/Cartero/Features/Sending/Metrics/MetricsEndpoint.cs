using Cartero.Platform.Auth;
using OpenTelemetry.Metrics;

namespace Cartero.Features.Sending.Metrics;

/// <summary>
/// <c>/metrics</c>: the <c>Cartero</c> meter in Prometheus' text format, for admins (an admin API key as
/// <c>Authorization: Bearer</c>, which Prometheus' <c>authorization</c> block sends, or an admin's session).
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IServiceCollection AddCarteroMetrics(this IServiceCollection services)
    {
        var own = new OwnMeters();
        services.AddSingleton(own);
        services.AddSingleton<QueueMetrics>();
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(SendingMetrics.MeterName)
            .AddView(instrument => own.Owns(instrument.Meter) ? null : MetricStreamConfiguration.Drop)
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    public static IApplicationBuilder UseQueueSnapshotBeforeScrape(this IApplicationBuilder app) =>
        // Runs after authorization (the caller adds it after UseAuthorization), so an anonymous scrape costs no query.
        app.UseWhen(http => http.Request.Path.Equals(Path, StringComparison.Ordinal), branch => branch.Use(async (http, next) =>
        {
            await http.RequestServices.GetRequiredService<QueueMetrics>().RefreshAsync(http.RequestAborted);
            await next(http);
        }));

    public static IEndpointRouteBuilder MapCarteroMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(Path).RequireAuthorization(CarteroPolicies.Metrics).WithName("Metricas");
        return app;
    }
}

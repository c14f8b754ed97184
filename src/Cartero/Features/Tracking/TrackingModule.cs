namespace Cartero.Features.Tracking;

/// <summary>Reports from the receiving side: the applier, the suppression list, the SendGrid webhook and the open pixel.</summary>
public static class TrackingModule
{
    public static IServiceCollection AddTracking(this IServiceCollection services)
    {
        services.AddScoped<DeliveryReportApplier>();
        return services;
    }

    public static IEndpointRouteBuilder MapTracking(this IEndpointRouteBuilder app) => app;
}

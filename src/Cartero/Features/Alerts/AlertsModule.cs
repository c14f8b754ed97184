namespace Cartero.Features.Alerts;

/// <summary>In-app warnings for originators of failed sends and for admins.</summary>
public static class AlertsModule
{
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AlertOptions>(configuration.GetSection("Cartero:Alerts"));
        services.AddScoped<PanelAlertService>();
        return services;
    }
}

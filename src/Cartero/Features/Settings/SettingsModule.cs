namespace Cartero.Features.Settings;

/// <summary>The sender account settings: storage, endpoints, connection test.</summary>
public static class SettingsModule
{
    public static IServiceCollection AddMailSettings(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapMailSettings(this IEndpointRouteBuilder app) => app;
}

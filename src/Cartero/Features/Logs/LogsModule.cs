namespace Cartero.Features.Logs;

/// <summary>Reading the send log: queries and endpoints.</summary>
public static class LogsModule
{
    public static IServiceCollection AddLogs(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapLogs(this IEndpointRouteBuilder app) => app;
}

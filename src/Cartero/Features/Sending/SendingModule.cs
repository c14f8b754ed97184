namespace Cartero.Features.Sending;

/// <summary>Enqueueing, the worker and the retry endpoint.</summary>
public static class SendingModule
{
    public static IServiceCollection AddSending(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<EmailStateMachine>();
        return services;
    }

    public static IEndpointRouteBuilder MapSending(this IEndpointRouteBuilder app) => app;
}

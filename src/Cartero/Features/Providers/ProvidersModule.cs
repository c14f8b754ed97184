namespace Cartero.Features.Providers;

/// <summary>Registers every <see cref="IEmailProvider"/>.</summary>
public static class ProvidersModule
{
    public static IServiceCollection AddProviders(this IServiceCollection services) => services;
}

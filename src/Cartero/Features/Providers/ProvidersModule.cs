using Cartero.Features.Providers.Pickup;
using Cartero.Features.Providers.SendGrid;
using Cartero.Features.Providers.Smtp;

namespace Cartero.Features.Providers;

/// <summary>Registers every <see cref="IEmailProvider"/>.</summary>
public static class ProvidersModule
{
    public static IServiceCollection AddProviders(this IServiceCollection services)
    {
        services.AddSingleton<IEmailProvider, SmtpEmailProvider>();
        services.AddSingleton<IEmailProvider, SendGridEmailProvider>();
        services.AddSingleton<IEmailProvider, PickupEmailProvider>();
        services.AddSingleton<EmailProviderRegistry>();
        services.AddHttpClient(SendGridEmailProvider.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        return services;
    }
}

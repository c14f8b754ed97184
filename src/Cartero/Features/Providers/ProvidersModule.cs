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
        services.AddOptions<OutboundHostOptions>()
            .Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection("Cartero:Providers").Bind(o));
        services.AddOptions<SmtpOptions>()
            .Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection("Cartero:Providers:Smtp").Bind(o));
        services.AddSingleton<OutboundHostPolicy>();
        services.AddHttpClient(SendGridEmailProvider.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(sp => GuardedHandler(sp.GetRequiredService<OutboundHostPolicy>()));
        return services;
    }

    /// <summary>Every connection (redirects included, though none are followed) goes through the address policy after DNS.</summary>
    private static SocketsHttpHandler GuardedHandler(OutboundHostPolicy hosts) => new()
    {
        AllowAutoRedirect = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = await hosts.ResolveAsync(context.DnsEndPoint.Host, cancellationToken);
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}

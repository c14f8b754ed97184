namespace Cartero.Features.Tracking.Bounces;

/// <summary>The bounce mailbox: the IMAP reader, its background pass and its status.</summary>
public static class BouncesModule
{
    public static IServiceCollection AddBounceMailbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BounceMailboxOptions>(configuration.GetSection("Cartero:Bounces"));
        services.AddSingleton<BounceMailboxReader>();
        services.AddScoped<IBounceApplier, TrackingBounceApplier>();
        services.AddHostedService<BounceMailboxService>();
        return services;
    }
}

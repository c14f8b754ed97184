using Cartero.Platform.Cli;

namespace Cartero.Features.Retention;

/// <summary>How long email content is kept per type, legal holds, the daily purge and <c>retention plan</c>.</summary>
public static class RetentionModule
{
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RetentionOptions>(configuration.GetSection(RetentionOptions.Section));
        services.AddScoped<RetentionSettings>();
        services.AddSingleton<RetentionPlanner>();
        services.AddSingleton<ContentPurger>();
        services.AddHostedService<RetentionService>();
        services.AddCliVerb<RetentionPlanVerb>();
        return services;
    }
}

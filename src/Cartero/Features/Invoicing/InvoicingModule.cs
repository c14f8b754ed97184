using Cartero.Platform.Cli;

namespace Cartero.Features.Invoicing;

/// <summary>SRI electronic invoicing inside the app (operator verbs for now).</summary>
public static class InvoicingModule
{
    public static IServiceCollection AddInvoicing(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SriOptions>(configuration.GetSection("Sri"));
        services.AddCliVerb<SriVerb>();
        return services;
    }
}

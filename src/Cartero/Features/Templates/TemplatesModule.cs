namespace Cartero.Features.Templates;

/// <summary>Registers the Liquid templates.</summary>
public static class TemplatesModule
{
    public static IServiceCollection AddTemplates(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TemplateBranding>(configuration.GetSection("Cartero:Marca"));
        services.AddSingleton<BusinessBrand>();
        services.AddSingleton<IEmailTemplates, FluidEmailTemplates>();
        return services;
    }
}

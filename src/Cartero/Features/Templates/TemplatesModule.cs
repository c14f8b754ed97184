namespace Cartero.Features.Templates;

/// <summary>Registers the Liquid templates.</summary>
public static class TemplatesModule
{
    public static IServiceCollection AddTemplates(this IServiceCollection services) => services;
}

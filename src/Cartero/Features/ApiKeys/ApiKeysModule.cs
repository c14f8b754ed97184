using Cartero.Platform.Cli;

namespace Cartero.Features.ApiKeys;

/// <summary>API keys as a capability: create (shown once), list and revoke, from the panel and the <c>apikey</c> verbs.</summary>
public static class ApiKeysModule
{
    public static IServiceCollection AddApiKeys(this IServiceCollection services)
    {
        services.AddScoped<ApiKeyService>();
        services.AddCliVerb<ApiKeyCreateVerb>();
        services.AddCliVerb<ApiKeyRevokeVerb>();
        services.AddCliVerb<ApiKeyListVerb>();
        return services;
    }
}

namespace Cartero.Platform.Auth;

/// <summary>API keys for machines (<c>Authorization: Bearer</c>) and the policies of <see cref="CarteroPolicies"/>.</summary>
public static class AuthModule
{
    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication();
        services.AddAuthorization();
        return services;
    }
}

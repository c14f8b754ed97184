using Cartero.Platform.Cli;
using Microsoft.AspNetCore.Authentication;

namespace Cartero.Platform.Auth;

/// <summary>API keys for machines (<c>Authorization: Bearer</c>) and the policies of <see cref="CarteroPolicies"/>.</summary>
public static class AuthModule
{
    private static readonly string[] Staff = ["admin", "gerente", "soporte", "vendedor", "optometrista"];

    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyScheme.Name, null);
        services.AddAuthorizationBuilder()
            // Machines with any key, and staff signed in to the panel; customers use their own page only.
            .AddPolicy(CarteroPolicies.Mail, p => p.RequireAssertion(ctx =>
                ctx.User.HasClaim(c => c.Type == ApiKeyScheme.KeyClaim) || Staff.Any(ctx.User.IsInRole)))
            // Admin keys, and the people DESIGN §5 lets configure the account: admin and soporte.
            .AddPolicy(CarteroPolicies.Admin, p => p.RequireAssertion(ctx =>
                ctx.User.IsInRole("admin") || (!ctx.User.HasClaim(c => c.Type == ApiKeyScheme.KeyClaim) && ctx.User.IsInRole("soporte"))))
            .AddPolicy(CarteroPolicies.InvoicingAdmin, p => p.RequireRole("admin"));
        services.AddScoped<ApiKeyService>();
        services.AddSingleton<ApiKeyCache>();
        services.AddCliVerb<ApiKeyCreateVerb>();
        services.AddCliVerb<ApiKeyRevokeVerb>();
        services.AddCliVerb<ApiKeyListVerb>();
        return services;
    }
}

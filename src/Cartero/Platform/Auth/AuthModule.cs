using System.Security.Claims;
using Cartero.Platform.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authentication;

namespace Cartero.Platform.Auth;

/// <summary>API keys for machines (<c>Authorization: Bearer</c>) and the policies of <see cref="CarteroPolicies"/>.</summary>
public static class AuthModule
{
    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyScheme.Name, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(CarteroPolicies.EmailsRead, KeysOr(CarteroRoles.Admin, CarteroRoles.Gerente, CarteroRoles.Soporte, CarteroRoles.Vendedor, CarteroRoles.Optometrista))
            .AddPolicy(CarteroPolicies.EmailsRetry, KeysOr(CarteroRoles.Admin, CarteroRoles.Gerente, CarteroRoles.Soporte, CarteroRoles.Vendedor, CarteroRoles.Optometrista))
            .AddPolicy(CarteroPolicies.EmailsSend, KeysOr(CarteroRoles.Admin))
            .AddPolicy(CarteroPolicies.EmailsExport, KeysOr(CarteroRoles.Admin, CarteroRoles.Gerente, CarteroRoles.Soporte))
            .AddPolicy(CarteroPolicies.Statistics, KeysOr(CarteroRoles.Admin, CarteroRoles.Gerente))
            .AddPolicy(CarteroPolicies.InvoicesRead, KeysOr(CarteroRoles.Admin, CarteroRoles.Gerente, CarteroRoles.Soporte))
            .AddPolicy(CarteroPolicies.InvoicesWrite, KeysOr(CarteroRoles.Admin))
            // Admin keys, and the people DESIGN §5 lets configure the account: admin and soporte.
            .AddPolicy(CarteroPolicies.Admin, p => p.RequireAssertion(ctx =>
                ctx.User.IsInRole(CarteroRoles.Admin) || (!IsKey(ctx.User) && ctx.User.IsInRole(CarteroRoles.Soporte))))
            .AddPolicy(CarteroPolicies.InvoicingAdmin, p => p.RequireRole(CarteroRoles.Admin))
            .AddPolicy(CarteroPolicies.Metrics, p => p.RequireRole(CarteroRoles.Admin));
        services.AddSingleton<ApiKeyCache>();
        return services;
    }

    private static bool IsKey(ClaimsPrincipal user) => user.HasClaim(c => c.Type == ApiKeyScheme.KeyClaim);

    /// <summary>Any API key (machines), or a person signed in with one of <paramref name="roles"/>.</summary>
    private static Action<AuthorizationPolicyBuilder> KeysOr(params string[] roles) => p => p.RequireAssertion(ctx =>
        IsKey(ctx.User) || roles.Any(ctx.User.IsInRole));
}

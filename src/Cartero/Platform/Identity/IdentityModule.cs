using Cartero.Platform.Auth;
using Cartero.Platform.Cli;
using Cartero.Platform.Data;
using Cartero.Platform.Secrets;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Cartero.Platform.Identity;

/// <summary>
/// People: ASP.NET Core Identity with the cookie for the panel, lockout, the roles of DESIGN §5 and the
/// first-run setup. Machines keep their API keys: a request with <c>Authorization: Bearer</c> is
/// authenticated by the API-key scheme, any other by the cookie.
/// </summary>
public static class IdentityModule
{
    public const string Scheme = "Cartero";

    public static IServiceCollection AddCarteroIdentity(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddScoped<TwoFactorPolicy>();
        services.AddIdentityCore<CarteroUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                // Lockout stays available to administrators, but failures never lock by themselves: an outsider could
                // keep anyone out that way. Repeated failures slow the next attempt instead (SignInThrottle).
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = int.MaxValue;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<CarteroDbContext>()
            .AddUserStore<CarteroUserStore>()
            .AddSignInManager()
            .AddErrorDescriber<SpanishIdentityErrorDescriber>()
            .AddDefaultTokenProviders();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
                o.DefaultForbidScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "API key o sesión", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiKeyScheme.Name
                    : IdentityConstants.ApplicationScheme)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
            {
                o.LoginPath = "/cuenta/ingresar";
                o.LogoutPath = "/cuenta/salir";
                o.AccessDeniedPath = "/cuenta/acceso-denegado";
                o.Cookie.Name = "cartero.sesion";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                // The API answers 401/403 problems; only pages redirect to the sign-in page.
                o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden);
            }));

        // Every request checks the person's security stamp: a role change, a password reset or a deactivation
        // takes effect on the next request instead of after Identity's default 30 minutes.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.AddProtectedColumn(IdentitySecretColumns.AuthenticatorKey);
        services.AddProtectedColumn(IdentitySecretColumns.RecoveryCodes);
        services.AddOptions<SignInDelayOptions>().BindConfiguration(SignInDelayOptions.Section);
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<PanelSignIn>();
        services.AddSingleton<FirstRunSetup>();
        services.AddHostedService(sp => sp.GetRequiredService<FirstRunSetup>());
        services.AddCliVerb<AdminCreateVerb>();
        return services;
    }

    private static Task ApiAwareRedirect(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (Web.MachinePaths.Is(ctx.Request.Path))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}

using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using Cartero.Platform.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.WebEncoders;

namespace Cartero.Platform.Web;

/// <summary>The Razor Pages panel (Spanish, no JavaScript required, no CDN): authorization per folder and sign-in rate limit.</summary>
public static class PanelModule
{
    public const string PanelPolicy = "panel";
    public const string LogReadersPolicy = "lectores-de-registro";
    public const string CustomerPolicy = "cliente";
    public const string StatisticsPolicy = "estadisticas";
    public const string AdminPolicy = "administracion";
    public const string SettingsPolicy = "configuracion";

    /// <summary>The mail settings page read-only: admin and soporte, and gerente who only looks (DESIGN §5).</summary>
    public const string MailSettingsReadersPolicy = "configuracion-correo-lectura";
    public const string SignInRateLimit = "ingreso";

    /// <summary>Where a rejected request leaves its wait (seconds) for the Spanish 429 page.</summary>
    public const string RetryAfterItem = "cartero.reintentar-en";

    public static IServiceCollection AddPanel(this IServiceCollection services, IConfiguration configuration)
    {
        // Spanish text stays readable in the HTML source instead of becoming numeric entities.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(
            UnicodeRanges.BasicLatin, UnicodeRanges.Latin1Supplement, UnicodeRanges.LatinExtendedA,
            UnicodeRanges.GeneralPunctuation, UnicodeRanges.Arrows, UnicodeRanges.CurrencySymbols));
        var attemptsPerMinute = configuration.GetValue("Cartero:Panel:SignInAttemptsPerMinute", 10);
        var attemptsPerMinutePerAddress = configuration.GetValue("Cartero:Panel:SignInAttemptsPerMinutePerAddress", 60);

        // Pages are for people: only the panel's cookie counts, so an API key (even an admin one) opens no page.
        services.AddAuthorizationBuilder()
            .AddPolicy(PanelPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser())
            .AddPolicy(LogReadersPolicy, p => People(p).RequireRole(CarteroRoles.Admin, CarteroRoles.Gerente, CarteroRoles.Soporte))
            .AddPolicy(CustomerPolicy, p => People(p).RequireRole(CarteroRoles.Cliente))
            .AddPolicy(StatisticsPolicy, p => People(p).RequireRole(CarteroRoles.Admin, CarteroRoles.Gerente))
            .AddPolicy(AdminPolicy, p => People(p).RequireRole(CarteroRoles.Admin))
            .AddPolicy(SettingsPolicy, p => People(p).RequireRole(CarteroRoles.Admin, CarteroRoles.Soporte))
            .AddPolicy(MailSettingsReadersPolicy, p => People(p).RequireRole(CarteroRoles.Admin, CarteroRoles.Soporte, CarteroRoles.Gerente));

        services.AddScoped<TwoFactorRequirement>();
        services.AddRazorPages(o =>
        {
            o.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.ServiceFilterAttribute(typeof(TwoFactorRequirement)));
            o.Conventions.AuthorizeFolder("/", PanelPolicy);
            o.Conventions.AllowAnonymousToFolder("/Cuenta");
            o.Conventions.AuthorizePage("/Cuenta/DobleFactor", PanelPolicy);
            o.Conventions.AuthorizePage("/Cuenta/Contrasena", PanelPolicy);
            o.Conventions.AllowAnonymousToPage("/ConfiguracionInicial");
            o.Conventions.AuthorizeFolder("/Correos", LogReadersPolicy);
            o.Conventions.AuthorizePage("/MisCorreos", CustomerPolicy);
            o.Conventions.AuthorizePage("/Estadisticas", StatisticsPolicy);
            o.Conventions.AuthorizeFolder("/Usuarios", AdminPolicy);
            // Every settings page is for admin and soporte, but the mail settings page also opens (read-only) for
            // gerente: its POST handlers check SettingsPolicy themselves.
            o.Conventions.AddFolderApplicationModelConvention("/Configuracion", model =>
            {
                if (model.ViewEnginePath != "/Configuracion/Correo")
                {
                    model.EndpointMetadata.Add(new AuthorizeAttribute(SettingsPolicy));
                }
            });
            o.Conventions.AuthorizePage("/Configuracion/Correo", MailSettingsReadersPolicy);
            o.Conventions.AuthorizePage("/Configuracion/Facturacion", AdminPolicy);
            o.Conventions.AuthorizePage("/Configuracion/Marca", AdminPolicy);
            o.Conventions.AuthorizeFolder("/Facturas", LogReadersPolicy);
            o.Conventions.AuthorizeFolder("/Auditoria", SettingsPolicy);
            o.Conventions.AuthorizeFolder("/ClavesApi", AdminPolicy);
            o.Conventions.AuthorizeFolder("/Retencion", AdminPolicy);
        });

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // The status code pages turn the bodiless 429 into a Spanish page in the layout (or problem+json under /api).
            o.OnRejected = (context, _) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                    : 60;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.HttpContext.Items[RetryAfterItem] = seconds;
                return ValueTask.CompletedTask;
            };
            // A few sign-in posts per minute per address and account slow password guessing, without blocking a
            // shop's staff who all sign in from one NAT address at opening time; the progressive delay
            // (SignInThrottle) handles the rest.
            o.AddPolicy(SignInRateLimit, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    $"{Address(http)}|{Account(http)}",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = attemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("lectura"));
            // A spray (one address, many accounts) still meets a ceiling per address. The global limiter runs before
            // the endpoint's policy, on the same sign-in posts only.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => IsSignInPost(http)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    Address(http),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = attemptsPerMinutePerAddress, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("otra"));
        });
        return services;
    }

    private static AuthorizationPolicyBuilder People(AuthorizationPolicyBuilder p) => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme);

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "desconocida";

    private static bool IsSignInPost(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method)
        && http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == SignInRateLimit;

    /// <summary>
    /// The account a sign-in post names (its <c>Input.Email</c>), normalised; empty for the second step, whose form
    /// names none. The partition callback is synchronous, so the small form is read here once (and kept for the page).
    /// </summary>
    private static string Account(HttpContext http)
    {
        if (!http.Request.HasFormContentType || http.Request.ContentLength is > 16 * 1024)
        {
            return "";
        }

        var typed = http.Request.Form["Input.Email"].ToString().Trim();
        return typed.Length > 256 ? typed[..256].ToLowerInvariant() : typed.ToLowerInvariant();
    }

    public static WebApplication MapPanel(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }
}

using System.Net;
using Cartero.Platform.Data;
using Cartero.Platform.Health;
using Cartero.Platform.Web;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;

namespace Cartero.Platform;

/// <summary>Options, data directory, time and database: what every feature stands on.</summary>
public static class PlatformModule
{
    public static WebApplicationBuilder AddCarteroPlatform(this WebApplicationBuilder builder, bool operatorVerb = false)
    {
        if (operatorVerb)
        {
            // An operator verb prints only its own output: the host's and EF's information lines would bury it.
            builder.Logging.AddFilter((_, _, level) => level >= LogLevel.Warning);
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        // Before anything is written: what this process creates is for its own account only.
        PrivateFiles.RestrictProcessUmask();
        var section = builder.Configuration.GetSection(CarteroOptions.Section);
        builder.Services.Configure<CarteroOptions>(section);
        var options = section.Get<CarteroOptions>() ?? new CarteroOptions();
        var data = new DataDirectory(options.DataDirectory);

        builder.Services.AddSingleton(data);
        // Cookie and antiforgery keys live with the data (not in the user profile), so every instance shares them.
        builder.Services.AddDataProtection()
            .SetApplicationName("Cartero")
            .PersistKeysToFileSystem(new DirectoryInfo(DataProtectionKeys(data)));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddOpenApi("v1");
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddCarteroDatabase(options, data);
        builder.Services.Configure<ReverseProxyOptions>(builder.Configuration.GetSection(ReverseProxyOptions.Section));
        // SecurityHeaders sends X-Frame-Options: DENY itself; antiforgery's SAMEORIGIN would weaken it.
        builder.Services.AddAntiforgery(o => o.SuppressXFrameOptionsHeader = true);
        // Every cookie (session, antiforgery, TempData) is Secure whenever the request came over HTTPS.
        builder.Services.Configure<CookiePolicyOptions>(o =>
        {
            o.Secure = CookieSecurePolicy.SameAsRequest;
            o.HttpOnly = HttpOnlyPolicy.Always;
        });
        return builder;
    }

    public static WebApplication UseCarteroPlatform(this WebApplication app)
    {
        var proxy = app.Configuration.GetSection(ReverseProxyOptions.Section).Get<ReverseProxyOptions>() ?? new ReverseProxyOptions();
        if (proxy.Enabled)
        {
            app.UseForwardedHeaders(ForwardedHeadersFor(proxy));
        }

        app.UseSecurityHeaders(TimeSpan.FromDays(app.Configuration.GetValue("Cartero:Web:HstsMaxAgeDays", 365)));
        app.UseExceptionHandler();
        // API errors without a body (401, 403, 404…) still answer application/problem+json; pages answer a Spanish
        // page in the layout (404, 429 with its wait…).
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(http => !MachinePaths.Is(http.Request.Path), pages => pages.UseStatusCodePagesWithReExecute("/cuenta/estado/{0}"));
        app.UseCookiePolicy();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapCarteroHealth();
        return app;
    }

    private static string DataProtectionKeys(DataDirectory data)
    {
        var folder = Path.Combine(data.Keys, "proteccion-datos");
        PrivateFiles.CreateDirectory(folder);
        PrivateFiles.Restrict(folder);
        return folder;
    }

    private static ForwardedHeadersOptions ForwardedHeadersFor(ReverseProxyOptions proxy)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto |
                (proxy.ForwardHost ? ForwardedHeaders.XForwardedHost : ForwardedHeaders.None),
            ForwardLimit = proxy.ForwardLimit,
        };
        if (proxy.KnownProxies.Length > 0 || proxy.KnownNetworks.Length > 0)
        {
            // Listed proxies replace the loopback default: only they may say who the client is.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var address in proxy.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(address, out var ip) ? ip
                    : throw new InvalidOperationException($"Cartero:ReverseProxy:KnownProxies: «{address}» no es una dirección IP."));
            }

            foreach (var network in proxy.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var net) ? net
                    : throw new InvalidOperationException($"Cartero:ReverseProxy:KnownNetworks: «{network}» no es una red en notación CIDR (por ejemplo 10.0.0.0/24)."));
            }
        }

        return options;
    }
}

using System.Globalization;

namespace Cartero.Platform.Web;

/// <summary>
/// The headers every answer carries (pages, API, static files, error answers): a Content-Security-Policy that allows
/// only Cartero's own files (no inline script or style, nothing remote), no MIME sniffing, no referrer to other sites,
/// no framing by other sites, and HSTS when the request came over HTTPS.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The rendered HTML of an email, shown in a sandboxed frame of the detail page: its own inline styles are allowed
    /// (mail HTML is styled that way), nothing else loads or runs, and only Cartero's own pages may frame it.
    /// </summary>
    public const string MessagePreviewPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, TimeSpan hstsMaxAge)
    {
        var hsts = $"max-age={((long)hstsMaxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture)}";
        return app.Use((http, next) =>
        {
            // OnStarting runs after every other middleware, error handlers included, so no answer escapes the headers.
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.TryAdd("Content-Security-Policy", ContentSecurityPolicy);
                headers.TryAdd("X-Frame-Options", "DENY");
                headers.XContentTypeOptions = "nosniff";
                headers.TryAdd("Referrer-Policy", "same-origin");
                headers.TryAdd("Cross-Origin-Opener-Policy", "same-origin");
                headers.TryAdd("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
                if (http.Request.IsHttps)
                {
                    headers.StrictTransportSecurity = hsts;
                }

                return Task.CompletedTask;
            });
            return next(http);
        });
    }
}

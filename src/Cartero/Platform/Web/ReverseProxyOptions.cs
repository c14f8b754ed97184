namespace Cartero.Platform.Web;

/// <summary>
/// <c>Cartero:ReverseProxy</c>: trust <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> from the proxies listed here
/// (and only from them), so the client's address reaches the rate limits and the audit trail, and HTTPS at the proxy
/// makes cookies <c>Secure</c> and turns on HSTS.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "Cartero:ReverseProxy";

    public bool Enabled { get; set; }

    /// <summary>Addresses of the proxies (e.g. <c>10.0.0.5</c>); when this and <see cref="KnownNetworks"/> are empty, only loopback is trusted.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR notation (e.g. <c>10.0.0.0/24</c>).</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row may have added an entry to <c>X-Forwarded-For</c>.</summary>
    public int ForwardLimit { get; set; } = 1;

    /// <summary>Also take the host name from <c>X-Forwarded-Host</c> (only if the proxy always sets it).</summary>
    public bool ForwardHost { get; set; }
}

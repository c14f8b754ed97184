namespace Cartero.Features.Providers;

/// <summary><c>Cartero:Providers</c>: which networks the sender account may point at.</summary>
public sealed class OutboundHostOptions
{
    /// <summary>
    /// Lets SMTP servers and the SendGrid URL be loopback or private addresses (10/8, 172.16/12, 192.168/16,
    /// 127/8, 100.64/10, fc00::/7, ::1). Off by default: a settings change must not turn the app into a probe of
    /// the internal network. An operator turns it on for a relay inside the shop's own network.
    /// Link-local and cloud metadata addresses stay refused either way.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }
}

using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Providers;

/// <summary>
/// Decides which addresses the providers may connect to. Checked twice: on the settings as typed (an IP
/// literal or a well-known metadata name is refused field by field) and on every connection after DNS
/// resolution, so a name that resolves to an internal address (or is re-pointed later) is refused too.
/// </summary>
public sealed class OutboundHostPolicy(IOptions<OutboundHostOptions> options)
{
    private static readonly string[] MetadataNames = ["metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal"];

    public bool AllowPrivateNetworks => options.Value.AllowPrivateNetworks;

    /// <summary>Why <paramref name="host"/> as typed cannot be used, or null when only its resolution can tell.</summary>
    public string? RefusalForName(string host)
    {
        var name = host.Trim().TrimEnd('.').Trim('[', ']').ToLowerInvariant();
        if (MetadataNames.Contains(name))
        {
            return $"'{host}' es un servicio de metadatos de la nube; Cartero no se conecta a él.";
        }

        if (IPAddress.TryParse(name, out var address))
        {
            return RefusalFor(address);
        }

        return name is "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal)
            ? RefusalFor(IPAddress.Loopback)
            : null;
    }

    /// <summary>Why a connection to <paramref name="address"/> is refused, or null when it is allowed.</summary>
    public string? RefusalFor(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IsLinkLocalOrSpecial(address))
        {
            return $"{address} es una dirección de enlace local, de metadatos o reservada; Cartero nunca se conecta a ella.";
        }

        if (IsPrivateOrLoopback(address) && !AllowPrivateNetworks)
        {
            return $"{address} es una dirección de la red interna o local; para usar un servidor de su propia red, el operador debe activar Cartero:Providers:AllowPrivateNetworks.";
        }

        return null;
    }

    /// <summary>The addresses of <paramref name="host"/> that may be used; throws <see cref="OutboundHostRefusedException"/> when none may.</summary>
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (RefusalForName(host) is { } refusal)
        {
            throw new OutboundHostRefusedException($"Conexión rechazada por seguridad: {refusal}");
        }

        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(a => RefusalFor(a) is null).ToArray();
        if (allowed.Length == 0)
        {
            var first = addresses.Length == 0 ? "ninguna dirección" : RefusalFor(addresses[0]);
            throw new OutboundHostRefusedException($"Conexión rechazada por seguridad: '{host}' resuelve a {first}");
        }

        return allowed;
    }

    private static bool IsLinkLocalOrSpecial(IPAddress a)
    {
        if (a.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = a.GetAddressBytes();
            return b[0] == 0 || (b[0] == 169 && b[1] == 254) || b[0] >= 224
                || (b[0] == 100 && b[1] == 100 && b[2] == 100 && b[3] == 200) // Alibaba Cloud's metadata service
                || (b[0] == 192 && b[1] == 0 && b[2] == 0); // IETF protocol assignments (192.0.0.0/24)
        }

        return a.IsIPv6LinkLocal || a.IsIPv6Multicast || a.IsIPv6SiteLocal || a.Equals(IPAddress.IPv6Any)
            || a.Equals(IPAddress.Parse("fd00:ec2::254")); // AWS's IPv6 metadata service
    }

    private static bool IsPrivateOrLoopback(IPAddress a)
    {
        if (IPAddress.IsLoopback(a))
        {
            return true;
        }

        if (a.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = a.GetAddressBytes();
            return b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168)
                || (b[0] == 100 && b[1] is >= 64 and <= 127) || (b[0] == 198 && b[1] is 18 or 19);
        }

        return a.IsIPv6UniqueLocal;
    }
}

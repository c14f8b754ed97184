using System.Net;
using System.Net.Sockets;

namespace Cartero.Tests.Infrastructure;

/// <summary>A port nothing listens on right now (for "connection refused" and for peers to bind).</summary>
public static class PortFinder
{
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

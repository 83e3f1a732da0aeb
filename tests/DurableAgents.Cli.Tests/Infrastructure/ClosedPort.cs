using System.Net;
using System.Net.Sockets;

namespace DurableAgents.Cli.Tests.Infrastructure;

/// <summary>A loopback port the OS handed out and that was closed again, so nothing listens there.</summary>
internal static class ClosedPort
{
    public static int Get()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

using System.Net;
using System.Net.Sockets;

namespace DurableAgents.Integration.Tests.Worker;

/// <summary>Finds a loopback port with nothing listening on it (bound by the OS, then released).</summary>
internal static class FreePort
{
    public static int Find()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

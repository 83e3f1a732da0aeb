using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DurableAgents.Sidecar;
using DurableAgents.Sidecar.Hosting;

namespace DurableAgents.Host;

/// <summary>
/// Listens on the sidecar's endpoints once, briefly, before anything else starts. The engine opens the database and
/// recovers instances before Kestrel binds, so without this check a port clash would surface only after the database
/// had been opened (and created, on a first run), as a long stack trace.
/// </summary>
internal static class ListenPortCheck
{
    /// <summary>
    /// Returns null when both endpoints can be listened on, else one line naming the endpoint, its setting and what to
    /// change. Both sockets are held until the end of the check, so two settings naming one port are caught too.
    /// Port 0 (the OS chooses) cannot clash and is not checked.
    /// </summary>
    /// <exception cref="InvalidOperationException">A setting is not host:port.</exception>
    public static string? FindProblem(SidecarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var held = new List<Socket>();
        try
        {
            return TryListen(options.GrpcEndpoint, "Sidecar:GrpcEndpoint", held)
                ?? (string.IsNullOrWhiteSpace(options.HttpEndpoint) ? null : TryListen(options.HttpEndpoint, "Sidecar:HttpEndpoint", held));
        }
        finally
        {
            foreach (Socket socket in held)
            {
                socket.Dispose();
            }
        }
    }

    private static string? TryListen(string value, string settingName, List<Socket> held)
    {
        IPEndPoint endpoint = EndpointParser.Parse(value, settingName);
        if (endpoint.Port == 0)
        {
            return null;
        }

        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endpoint.Address.Equals(IPAddress.IPv6Any))
            {
                // As Kestrel listens on [::]: IPv4 too.
                socket.DualMode = true;
            }

            socket.Bind(endpoint);
            socket.Listen();
            held.Add(socket);
            return null;
        }
        catch (SocketException error)
        {
            socket.Dispose();
            return Describe(error, endpoint, value, settingName);
        }
    }

    private static string Describe(SocketException error, IPEndPoint endpoint, string value, string settingName)
    {
        string port = endpoint.Port.ToString(CultureInfo.InvariantCulture);
        string otherPort = (endpoint.Port == IPEndPoint.MaxPort ? endpoint.Port - 1 : endpoint.Port + 1).ToString(CultureInfo.InvariantCulture);
        string host = value.Trim()[..value.Trim().LastIndexOf(':')];
        string change = $"choose another with {settingName} (e.g. --{settingName}={host}:{otherPort}).";
        return error.SocketErrorCode switch
        {
            SocketError.AddressAlreadyInUse =>
                $"Cannot start: port {port} ({settingName} = {value}) is already in use, perhaps by another DurableAgents host. Stop that process, or {change}",
            SocketError.AccessDenied =>
                $"Cannot start: this user may not listen on port {port} ({settingName} = {value}); ports below 1024 need privileges. {Capitalize(change)}",
            SocketError.AddressNotAvailable =>
                $"Cannot start: {endpoint.Address} ({settingName} = {value}) is not an address of this machine. Use 127.0.0.1, or * for every address.",
            _ => $"Cannot start: cannot listen on {value} ({settingName}): {error.Message}. {Capitalize(change)}",
        };
    }

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}

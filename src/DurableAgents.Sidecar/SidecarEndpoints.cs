using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace DurableAgents.Sidecar;

/// <summary>The addresses the sidecar listens on; once the server has started, port 0 reads as the port the OS chose.</summary>
public sealed class SidecarEndpoints
{
    private ListenOptions? _grpc;
    private ListenOptions? _http;

    /// <summary>Creates the holder; the listeners are recorded when Kestrel is configured.</summary>
    public SidecarEndpoints(IOptions<SidecarOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        HttpEnabled = !string.IsNullOrWhiteSpace(options.Value.HttpEndpoint);
    }

    /// <summary>The gRPC endpoint's address, e.g. <c>http://127.0.0.1:4001</c>.</summary>
    /// <exception cref="InvalidOperationException">The server has not bound the endpoint yet.</exception>
    public Uri GrpcAddress => ToUri(Bound(_grpc, "gRPC"));

    /// <summary>The management API's address, e.g. <c>http://127.0.0.1:8080</c>; null when the API is turned off.</summary>
    /// <exception cref="InvalidOperationException">The server has not bound the endpoint yet.</exception>
    public Uri? HttpAddress => HttpEnabled ? ToUri(Bound(_http, "HTTP")) : null;

    /// <summary>True when the management API is served (Sidecar:HttpEndpoint is set).</summary>
    public bool HttpEnabled { get; }

    internal void SetGrpc(ListenOptions listenOptions) => _grpc = listenOptions;

    internal void SetHttp(ListenOptions listenOptions) => _http = listenOptions;

    /// <summary>True when a connection accepted on <paramref name="localPort"/> came in through the gRPC endpoint.</summary>
    internal bool IsGrpcPort(int localPort) => _grpc?.IPEndPoint?.Port == localPort;

    /// <summary>True when a connection accepted on <paramref name="localPort"/> came in through the management endpoint.</summary>
    internal bool IsHttpPort(int localPort) => HttpEnabled && _http?.IPEndPoint?.Port == localPort;

    private static IPEndPoint Bound(ListenOptions? listenOptions, string which) =>
        listenOptions?.IPEndPoint is { Port: > 0 } endPoint
            ? endPoint
            : throw new InvalidOperationException(
                $"The sidecar's {which} endpoint is not bound yet. Read SidecarEndpoints after the application has started (app.StartAsync or ApplicationStarted).");

    private static Uri ToUri(IPEndPoint endPoint)
    {
        // A wildcard binding is reachable on loopback; that is the address a local client should dial.
        string host = endPoint.Address.Equals(IPAddress.Any) ? "127.0.0.1"
            : endPoint.Address.Equals(IPAddress.IPv6Any) ? "[::1]"
            : endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endPoint.Address}]"
            : endPoint.Address.ToString();
        return new Uri($"http://{host}:{endPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
    }
}

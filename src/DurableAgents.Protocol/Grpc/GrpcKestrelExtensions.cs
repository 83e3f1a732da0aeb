using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace DurableAgents.Protocol.Grpc;

/// <summary>Configures Kestrel endpoints for gRPC over cleartext HTTP/2 (h2c).</summary>
public static class GrpcKestrelExtensions
{
    /// <summary>
    /// Listens on <paramref name="endPoint"/> with HTTP/2 only; cleartext HTTP/2 cannot be negotiated, so
    /// clients must speak it from the first byte (prior knowledge), as gRPC clients do.
    /// </summary>
    public static KestrelServerOptions ListenGrpc(this KestrelServerOptions options, IPEndPoint endPoint, Action<ListenOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(endPoint);
        options.Listen(endPoint, listenOptions =>
        {
            listenOptions.Protocols = HttpProtocols.Http2;
            configure?.Invoke(listenOptions);
        });
        return options;
    }
}

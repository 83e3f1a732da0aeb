using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace DurableAgents.Protocol.Grpc;

/// <summary>What a gRPC handler knows about its call: cancellation (deadline or client abort), deadline, request headers and peer.</summary>
public sealed class GrpcCallContext
{
    private readonly HttpContext? _httpContext;

    /// <summary>Creates a context without an HTTP connection, for calling handlers directly (e.g. in tests).</summary>
    public GrpcCallContext(
        string method,
        IHeaderDictionary? requestHeaders = null,
        string peer = "",
        DateTime? deadline = null,
        CancellationToken cancellationToken = default)
    {
        Method = method;
        RequestHeaders = requestHeaders ?? new HeaderDictionary();
        Peer = peer;
        Deadline = deadline ?? DateTime.MaxValue;
        CancellationToken = cancellationToken;
    }

    internal GrpcCallContext(HttpContext httpContext, string method, DateTime deadline, CancellationToken cancellationToken)
    {
        _httpContext = httpContext;
        Method = method;
        RequestHeaders = httpContext.Request.Headers;
        Peer = FormatPeer(httpContext.Connection.RemoteIpAddress, httpContext.Connection.RemotePort);
        Deadline = deadline;
        CancellationToken = cancellationToken;
    }

    /// <summary>The full method path, e.g. <c>/TaskHubSidecarService/Hello</c>.</summary>
    public string Method { get; }

    /// <summary>The request headers (gRPC metadata), e.g. an API key or capabilities header.</summary>
    public IHeaderDictionary RequestHeaders { get; }

    /// <summary>The client's address in gRPC form, e.g. <c>ipv4:127.0.0.1:51234</c>.</summary>
    public string Peer { get; }

    /// <summary>When the call's deadline expires (UTC); <see cref="DateTime.MaxValue"/> when the client set none.</summary>
    public DateTime Deadline { get; }

    /// <summary>Cancelled when the deadline expires or the client goes away.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The underlying HTTP context; null when the handler is called directly.</summary>
    public HttpContext? HttpContext => _httpContext;

    /// <summary>
    /// Sends the response headers now. Useful for long-lived streams, so the client learns the call is
    /// established before the first message; afterwards errors travel in trailers only.
    /// </summary>
    public async Task WriteResponseHeadersAsync(CancellationToken cancellationToken = default)
    {
        if (_httpContext is not null)
        {
            await _httpContext.Response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static string FormatPeer(IPAddress? address, int port) => address switch
    {
        null => "unknown",
        { AddressFamily: AddressFamily.InterNetworkV6 } => $"ipv6:[{address}]:{port}",
        _ => $"ipv4:{address}:{port}",
    };
}

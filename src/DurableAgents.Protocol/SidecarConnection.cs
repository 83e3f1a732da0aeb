using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using P = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Protocol;

/// <summary>
/// A Grpc.Net.Client channel to a sidecar and the generated <c>TaskHubSidecarService</c> client over it, with the API key
/// sent on every call when one is given. Thread-safe: share one per address, dispose it when done.
/// </summary>
public sealed class SidecarConnection : IDisposable
{
    /// <summary>The largest message sent or received by default: the sidecar's own default limit (Sidecar:MaxMessageBytes).</summary>
    public const int DefaultMaxMessageBytes = 16 * 1024 * 1024;

    private SidecarConnection(Uri address, GrpcChannel channel, CallInvoker callInvoker)
    {
        Address = address;
        Channel = channel;
        CallInvoker = callInvoker;
        Client = new P.TaskHubSidecarService.TaskHubSidecarServiceClient(callInvoker);
    }

    /// <summary>The sidecar's address, e.g. <c>http://127.0.0.1:4001/</c>.</summary>
    public Uri Address { get; }

    /// <summary>The channel the calls travel on.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>
    /// The channel's call invoker with the API key header added: give it to the official client
    /// (<c>GrpcDurableTaskClientOptions.CallInvoker</c>) so its calls carry the key too. The connection keeps owning the channel.
    /// </summary>
    public CallInvoker CallInvoker { get; }

    /// <summary>The generated client of the durabletask protocol.</summary>
    public P.TaskHubSidecarService.TaskHubSidecarServiceClient Client { get; }

    /// <summary>Opens a connection; an address without a scheme (<c>127.0.0.1:4001</c>) means cleartext <c>http://</c> (h2c).</summary>
    /// <param name="address">The sidecar's gRPC address.</param>
    /// <param name="apiKey">Sent in <paramref name="apiKeyHeaderName"/> on every call; none when null or empty.</param>
    /// <param name="apiKeyHeaderName">The metadata header that carries the key.</param>
    /// <param name="maxMessageBytes">The largest message sent or received (work items carry whole histories).</param>
    public static SidecarConnection Open(string address, string? apiKey = null, string apiKeyHeaderName = "x-api-key", int maxMessageBytes = DefaultMaxMessageBytes)
    {
        Uri uri = ParseAddress(address);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessageBytes);
        var channel = GrpcChannel.ForAddress(uri, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = maxMessageBytes,
            MaxSendMessageSize = maxMessageBytes,

            // A caller that cancels its token sees OperationCanceledException carrying that token, not a CANCELLED status.
            ThrowOperationCanceledOnCancellation = true,
            HttpHandler = new SocketsHttpHandler
            {
                // Workers and clients hold many calls open at once (the work-item stream, WaitForInstanceCompletion):
                // more than one HTTP/2 connection keeps them from queueing behind the server's stream limit.
                EnableMultipleHttp2Connections = true,
                KeepAlivePingDelay = TimeSpan.FromSeconds(60),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
                KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,

                // gRPC follows no redirects, sets no cookies and talks to the sidecar directly: without these the handler
                // wraps every call in a redirect handler and consults cookie and proxy settings (hot path of the worker).
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false,
            },
        });

        CallInvoker invoker = channel.CreateCallInvoker();
        if (!string.IsNullOrEmpty(apiKey))
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(apiKeyHeaderName);
            string header = apiKeyHeaderName.ToLowerInvariant();
            invoker = invoker.Intercept(metadata =>
            {
                metadata.Add(header, apiKey);
                return metadata;
            });
        }

        return new SidecarConnection(uri, channel, invoker);
    }

    /// <summary>Reads <c>host:port</c> as <c>http://host:port</c>; refuses anything that is not an http(s) address.</summary>
    public static Uri ParseAddress(string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        string text = address.Contains("://", StringComparison.Ordinal) ? address : "http://" + address;
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{address}' is not a valid sidecar address; use host:port or http://host:port.", nameof(address));
        }

        return uri;
    }

    /// <inheritdoc/>
    public void Dispose() => Channel.Dispose();
}

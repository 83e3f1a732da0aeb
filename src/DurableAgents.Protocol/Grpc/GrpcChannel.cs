using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace DurableAgents.Protocol.Grpc;

/// <summary>A client connection to a gRPC server over HTTP/2 (h2c for http:// addresses); thread-safe, share one per address.</summary>
public sealed class GrpcChannel : IDisposable
{
    private readonly ConcurrentDictionary<string, Uri> _methodUris = new(StringComparer.Ordinal);
    private readonly bool _ownsHandler;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        Address = address;
        AddressText = address.GetLeftPart(UriPartial.Authority);
        Options = options;
        _ownsHandler = options.HttpHandler is null;
        var handler = options.HttpHandler ?? CreateHandler(options);
        Invoker = new HttpMessageInvoker(handler, disposeHandler: _ownsHandler);
    }

    /// <summary>The server address, e.g. <c>http://127.0.0.1:4001/</c>.</summary>
    public Uri Address { get; }

    internal string AddressText { get; }

    internal GrpcChannelOptions Options { get; }

    internal HttpMessageInvoker Invoker { get; }

    /// <summary>Creates a channel; an address without a scheme (<c>127.0.0.1:4001</c>) means cleartext <c>http://</c>.</summary>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        var text = address.Contains("://", StringComparison.Ordinal) ? address : "http://" + address;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"'{address}' is not a valid address; use host:port or http://host:port.", nameof(address));
        }

        return ForAddress(uri, options);
    }

    /// <summary>Creates a channel to an absolute http:// or https:// address.</summary>
    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{address}' must be an absolute http:// or https:// address.", nameof(address));
        }

        options ??= new GrpcChannelOptions();
        options.Validate();
        return new GrpcChannel(address, options);
    }

    /// <summary>Makes a unary call and returns the response; non-OK statuses throw <see cref="RpcException"/>.</summary>
    /// <param name="method">The full method path, e.g. <c>/TaskHubSidecarService/Hello</c>.</param>
    /// <param name="request">The request message.</param>
    /// <param name="responseParser">Parses the response message.</param>
    /// <param name="deadline">When the call must have completed (UTC); sent as grpc-timeout. Past it the call fails with DEADLINE_EXCEEDED.</param>
    /// <param name="headers">Extra request headers (metadata) for this call, after the channel's default headers.</param>
    /// <param name="cancellationToken">Cancels the call (the server's handler is cancelled too); throws <see cref="OperationCanceledException"/>.</param>
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(
        string method,
        TRequest request,
        MessageParser<TResponse> responseParser,
        DateTime? deadline = null,
        IEnumerable<KeyValuePair<string, string>>? headers = null,
        CancellationToken cancellationToken = default)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseParser);
        using var call = new GrpcClientCall(this, method, deadline, cancellationToken);
        try
        {
            await call.StartAsync(request, headers).ConfigureAwait(false);
            var first = await call.ReadNextAsync(responseParser, call.Token).ConfigureAwait(false);
            if (!first.HasMessage)
            {
                throw new RpcException(StatusCode.Internal, $"The server completed {method} with status OK but sent no response message.");
            }

            // Read on to the trailers: a handler can still fail the call after its message.
            var second = await call.ReadNextAsync(responseParser, call.Token).ConfigureAwait(false);
            if (second.HasMessage)
            {
                throw new RpcException(StatusCode.Internal, $"The server sent more than one response message for the unary method {method}.");
            }

            return first.Message;
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw call.Translate(ex, CancellationToken.None);
        }
    }

    /// <summary>
    /// Starts a server-streaming call and returns once the server has sent its response headers (or failed);
    /// read the messages from the returned call and dispose it to end the call early.
    /// </summary>
    public async Task<GrpcStreamingCall<TResponse>> StartServerStreamingAsync<TRequest, TResponse>(
        string method,
        TRequest request,
        MessageParser<TResponse> responseParser,
        DateTime? deadline = null,
        IEnumerable<KeyValuePair<string, string>>? headers = null,
        CancellationToken cancellationToken = default)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseParser);
        var call = new GrpcClientCall(this, method, deadline, cancellationToken);
        try
        {
            await call.StartAsync(request, headers).ConfigureAwait(false);
            return new GrpcStreamingCall<TResponse>(call, responseParser);
        }
        catch (Exception ex)
        {
            var translated = call.Translate(ex, CancellationToken.None);
            call.Dispose();
            if (ReferenceEquals(translated, ex))
            {
                throw;
            }

            throw translated;
        }
    }

    /// <summary>Makes a server-streaming call and yields its messages; a non-OK final status throws <see cref="RpcException"/>.</summary>
    public async IAsyncEnumerable<TResponse> ServerStreamingAsync<TRequest, TResponse>(
        string method,
        TRequest request,
        MessageParser<TResponse> responseParser,
        DateTime? deadline = null,
        IEnumerable<KeyValuePair<string, string>>? headers = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        using var call = await StartServerStreamingAsync(method, request, responseParser, deadline, headers, cancellationToken).ConfigureAwait(false);
        while (await call.MoveNextAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return call.Current;
        }
    }

    /// <summary>Closes the channel's connections; calls in flight fail.</summary>
    public void Dispose() => Invoker.Dispose();

    internal Uri GetMethodUri(string method) =>
        _methodUris.GetOrAdd(method, static (path, address) => new Uri(address, path.StartsWith('/') ? path : "/" + path), Address);

    private static SocketsHttpHandler CreateHandler(GrpcChannelOptions options) => new()
    {
        // One HTTP/2 connection allows ~100 concurrent streams; more connections keep long-lived streams from starving calls.
        EnableMultipleHttp2Connections = true,
        KeepAlivePingDelay = options.KeepAlivePingDelay,
        KeepAlivePingTimeout = options.KeepAlivePingTimeout,
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
        ConnectTimeout = options.ConnectTimeout,
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    };
}

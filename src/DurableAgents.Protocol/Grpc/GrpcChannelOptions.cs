namespace DurableAgents.Protocol.Grpc;

/// <summary>Settings of a <see cref="GrpcChannel"/>: message limits, connection behaviour and headers sent on every call.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>Largest response message accepted, in bytes (default 16 MiB); larger ones fail with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>Largest request message sent, in bytes (default 16 MiB); larger ones fail with RESOURCE_EXHAUSTED before sending.</summary>
    public int MaxSendMessageSize { get; set; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>How long to wait for a TCP connection before the call fails with UNAVAILABLE (default 10 s).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Idle time after which an HTTP/2 PING checks the connection is alive (default 60 s).</summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a keep-alive PING may go unanswered before the connection is dropped (default 30 s).</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Headers added to every call, e.g. an API key; per-call headers are added after these.</summary>
    public IDictionary<string, string> DefaultHeaders { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A handler to use instead of the channel's own <see cref="System.Net.Http.SocketsHttpHandler"/> (e.g. for TLS
    /// settings); the channel does not dispose it.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    internal void Validate()
    {
        if (MaxReceiveMessageSize <= 0 || MaxSendMessageSize <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxReceiveMessageSize),
                "GrpcChannelOptions.MaxReceiveMessageSize and MaxSendMessageSize must be positive numbers of bytes.");
        }
    }
}

namespace DurableAgents.Protocol.Grpc;

/// <summary>Limits applied by the gRPC server to every call of a <see cref="GrpcServiceDefinition"/>.</summary>
public sealed class GrpcServerOptions
{
    private int _maxReceiveMessageSize = GrpcProtocol.DefaultMaxMessageSize;
    private int _maxSendMessageSize = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>Largest request message the server accepts, in bytes (default 16 MiB); larger ones fail with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize
    {
        get => _maxReceiveMessageSize;
        set => _maxReceiveMessageSize = RequirePositive(value, nameof(MaxReceiveMessageSize));
    }

    /// <summary>Largest response message the server sends, in bytes (default 16 MiB); larger ones fail the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxSendMessageSize
    {
        get => _maxSendMessageSize;
        set => _maxSendMessageSize = RequirePositive(value, nameof(MaxSendMessageSize));
    }

    /// <summary>
    /// What a user changes to raise the limits, named in RESOURCE_EXHAUSTED messages (e.g. a configuration key of the
    /// host); null names the properties of this class.
    /// </summary>
    public string? LimitSettingName { get; set; }

    internal string ReceiveLimitName => LimitSettingName ?? "GrpcServerOptions.MaxReceiveMessageSize";

    internal string SendLimitName => LimitSettingName ?? "GrpcServerOptions.MaxSendMessageSize";

    private static int RequirePositive(int value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive number of bytes.");
}

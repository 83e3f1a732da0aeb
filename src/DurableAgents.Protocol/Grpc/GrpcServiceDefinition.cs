using Google.Protobuf;

namespace DurableAgents.Protocol.Grpc;

/// <summary>A gRPC service: its name and the handlers of the methods it serves; map it with <c>MapGrpcService</c>.</summary>
public sealed class GrpcServiceDefinition
{
    private readonly Dictionary<string, GrpcServerMethod> _methods = new(StringComparer.Ordinal);

    /// <summary>Creates an empty service definition.</summary>
    /// <param name="serviceName">The service part of the path, e.g. <c>TaskHubSidecarService</c> (include the package if the .proto has one).</param>
    /// <param name="options">Message size limits; defaults to 16 MiB each way.</param>
    public GrpcServiceDefinition(string serviceName, GrpcServerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        if (serviceName.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The service name '{serviceName}' must not contain '/'.", nameof(serviceName));
        }

        ServiceName = serviceName;
        Options = options ?? new GrpcServerOptions();
    }

    /// <summary>The service part of the method paths.</summary>
    public string ServiceName { get; }

    /// <summary>The limits applied to every call of this service.</summary>
    public GrpcServerOptions Options { get; }

    /// <summary>The names of the registered methods.</summary>
    public IReadOnlyCollection<string> MethodNames => _methods.Keys;

    internal IEnumerable<GrpcServerMethod> Methods => _methods.Values;

    /// <summary>Registers a unary method served at <c>/{ServiceName}/{method}</c>.</summary>
    public GrpcServiceDefinition AddUnary<TRequest, TResponse>(
        string method,
        MessageParser<TRequest> parser,
        Func<TRequest, GrpcCallContext, Task<TResponse>> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(handler);
        return Add(new UnaryServerMethod<TRequest, TResponse>(ServiceName, ValidateMethodName(method), Options, parser, handler));
    }

    /// <summary>Registers a server-streaming method served at <c>/{ServiceName}/{method}</c>.</summary>
    public GrpcServiceDefinition AddServerStreaming<TRequest, TResponse>(
        string method,
        MessageParser<TRequest> parser,
        Func<TRequest, IGrpcStreamWriter<TResponse>, GrpcCallContext, Task> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(handler);
        return Add(new ServerStreamingServerMethod<TRequest, TResponse>(ServiceName, ValidateMethodName(method), Options, parser, handler));
    }

    private GrpcServiceDefinition Add(GrpcServerMethod method)
    {
        if (!_methods.TryAdd(method.Name, method))
        {
            throw new InvalidOperationException($"The method '{method.FullName}' is already registered; register each method once.");
        }

        return this;
    }

    private static string ValidateMethodName(string method)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        if (method.AsSpan().IndexOfAny("/{}") >= 0)
        {
            throw new ArgumentException($"The method name '{method}' must be a plain name such as 'Hello' (no '/', '{{' or '}}').", nameof(method));
        }

        return method;
    }
}

namespace DurableAgents.Protocol.Grpc;

/// <summary>A gRPC call ended with a non-OK status; thrown by handlers to set the status, and by clients on receiving it.</summary>
public sealed class RpcException : Exception
{
    /// <summary>Creates an exception carrying a gRPC status code and its detail message.</summary>
    public RpcException(StatusCode statusCode, string detail)
        : this(statusCode, detail, innerException: null)
    {
    }

    /// <summary>Creates an exception carrying a gRPC status code, its detail message and the cause.</summary>
    public RpcException(StatusCode statusCode, string detail, Exception? innerException)
        : base($"Status(StatusCode=\"{statusCode}\", Detail=\"{detail}\")", innerException)
    {
        StatusCode = statusCode;
        Detail = detail;
    }

    /// <summary>Creates an exception with status <see cref="Grpc.StatusCode.Unknown"/>.</summary>
    public RpcException()
        : this(StatusCode.Unknown, string.Empty)
    {
    }

    /// <summary>Creates an exception with status <see cref="Grpc.StatusCode.Unknown"/> and the given detail.</summary>
    public RpcException(string message)
        : this(StatusCode.Unknown, message)
    {
    }

    /// <summary>Creates an exception with status <see cref="Grpc.StatusCode.Unknown"/>, the given detail and cause.</summary>
    public RpcException(string message, Exception? innerException)
        : this(StatusCode.Unknown, message, innerException)
    {
    }

    /// <summary>The gRPC status code.</summary>
    public StatusCode StatusCode { get; }

    /// <summary>The status detail (the decoded <c>grpc-message</c>).</summary>
    public string Detail { get; }
}

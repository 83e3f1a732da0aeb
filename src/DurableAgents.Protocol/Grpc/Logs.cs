using Microsoft.Extensions.Logging;

namespace DurableAgents.Protocol.Grpc;

/// <summary>Log messages of the gRPC layer, with stable event ids.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "The handler of gRPC method {Method} threw an exception; the call ends with status UNKNOWN")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string method);
}

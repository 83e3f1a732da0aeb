using Microsoft.Extensions.Logging;

namespace DurableAgents.Sidecar;

/// <summary>The sidecar's log messages (event ids 3000-3999; the table is in the top README).</summary>
internal static partial class Logs
{
    [LoggerMessage(3000, LogLevel.Information, "Sidecar listening: gRPC at {GrpcAddress}, management API at {HttpAddress}; API key required: {ApiKeyRequired}")]
    public static partial void Listening(ILogger logger, Uri grpcAddress, string httpAddress, bool apiKeyRequired);

    [LoggerMessage(3001, LogLevel.Information, "Worker stream {ConnectionId} opened by {Peer}: {Orchestrators} orchestrator and {Activities} activity names declared, history cache {HistoryCache}")]
    public static partial void WorkerStreamOpened(ILogger logger, string connectionId, string peer, string orchestrators, string activities, bool historyCache);

    [LoggerMessage(3002, LogLevel.Information, "Worker stream {ConnectionId} closed: {Reason}")]
    public static partial void WorkerStreamClosed(ILogger logger, string connectionId, string reason);

    [LoggerMessage(3003, LogLevel.Warning, "Refused {Method} from {Peer}: {Reason}")]
    public static partial void CallRefused(ILogger logger, string method, string peer, string reason);

    [LoggerMessage(3004, LogLevel.Information, "Sidecar shutting down: ending work-item streams and held calls")]
    public static partial void ShuttingDown(ILogger logger);

    [LoggerMessage(3005, LogLevel.Information, "Task hub database: {DataSource}")]
    public static partial void Database(ILogger logger, string dataSource);

    [LoggerMessage(3006, LogLevel.Warning, "The work item for instance {InstanceId} is {Bytes} bytes: a worker on Grpc.Net.Client with its default 4 MB receive limit (e.g. the official .NET SDK) cannot read it and gets it again after each reconnect. Raise the worker channel's MaxReceiveMessageSize, or keep inputs, outputs and event payloads smaller")]
    public static partial void WorkItemOverClientLimit(ILogger logger, string instanceId, int bytes);
}

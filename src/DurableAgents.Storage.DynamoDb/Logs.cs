using Microsoft.Extensions.Logging;

namespace DurableAgents.Storage.DynamoDb;

/// <summary>The DynamoDB store's log messages (event ids 13000-13999; the table is in the top README).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 13100, Level = LogLevel.Information,
        Message = "Opened DynamoDB task hub table '{Table}' at {Endpoint}")]
    public static partial void StoreOpened(ILogger logger, string table, string endpoint);

    [LoggerMessage(EventId = 13101, Level = LogLevel.Warning,
        Message = "A split commit of instance '{InstanceId}' to '{Table}' stopped part-way; what it wrote ahead is settled by key before the next commit")]
    public static partial void SplitCommitInterrupted(ILogger logger, Exception exception, string instanceId, string table);

    [LoggerMessage(EventId = 13102, Level = LogLevel.Warning,
        Message = "Instance '{InstanceId}' started a new execution in '{Table}', but deleting the old execution's history failed; the rows are unreachable and a purge removes them")]
    public static partial void HistoryCleanUpFailed(ILogger logger, Exception exception, string instanceId, string table);
}

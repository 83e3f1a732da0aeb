using Microsoft.Extensions.Logging;

namespace DurableAgents.Replay;

/// <summary>Log messages of the replay executor (event ids 6000-6999; the table is in the top README).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning,
        Message = "Orchestration '{InstanceId}' ({Name}) failed: its code no longer matches its history. {Detail}")]
    public static partial void NonDeterminism(ILogger logger, string instanceId, string name, string detail);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning,
        Message = "Orchestration '{InstanceId}' ({Name}) failed: its code awaited a non-durable task.")]
    public static partial void NonDurableAwait(ILogger logger, string instanceId, string name);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Debug,
        Message = "Orchestration '{InstanceId}' ignored a {EventType} event: {Reason}.")]
    public static partial void IgnoredEvent(ILogger logger, string instanceId, string eventType, string reason);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Debug,
        Message = "Orchestration '{InstanceId}' ignored a {EventType} event: no open task has id #{TaskId} (a repeated answer or a cancelled timer).")]
    public static partial void UnknownTaskAnswer(ILogger logger, string instanceId, Type eventType, int taskId);
}

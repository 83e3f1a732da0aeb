using Microsoft.Extensions.Logging;

namespace DurableAgents.Testing.Internal;

/// <summary>Log messages of the test host's in-process worker.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 9101, Level = LogLevel.Error, Message = "The in-process test worker could not run work item '{CompletionToken}' of instance '{InstanceId}'; it was handed back.")]
    public static partial void WorkItemCrashed(ILogger logger, string completionToken, string instanceId, Exception exception);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Debug, Message = "Orchestration '{InstanceId}' failed in the test host: no orchestrator named '{Name}' is registered.")]
    public static partial void OrchestratorNotRegistered(ILogger logger, string instanceId, string name);

    [LoggerMessage(EventId = 9103, Level = LogLevel.Debug, Message = "Activity '{Name}' of instance '{InstanceId}' failed in the test host: it is not registered.")]
    public static partial void ActivityNotRegistered(ILogger logger, string instanceId, string name);
}

using Microsoft.Extensions.Logging;

namespace DurableAgents.Management;

/// <summary>The management API's log messages (event ids 5000-5999; the table is in the top README).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Management request {Method} {Path} failed unexpectedly.")]
    public static partial void UnhandledError(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Management request {Method} {Path} was refused: {Reason}.")]
    public static partial void ApiKeyRejected(ILogger logger, string method, string path, string reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Approval '{ApprovalName}' of instance '{InstanceId}' answered: {Outcome} by {Approver}.")]
    public static partial void ApprovalAnswered(ILogger logger, string approvalName, string instanceId, string outcome, string approver);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Started orchestration '{OrchestratorName}' as instance '{InstanceId}' over HTTP.")]
    public static partial void OrchestrationStarted(ILogger logger, string orchestratorName, string instanceId);
}

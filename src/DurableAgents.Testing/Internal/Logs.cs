using Microsoft.Extensions.Logging;

namespace DurableAgents.Testing.Internal;

/// <summary>Log messages of the test host.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Error, Message = "The test host's dispatcher stopped after an internal error.")]
    public static partial void DispatcherFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Debug, Message = "Event '{EventName}' for instance '{InstanceId}' was dropped: no such running instance.")]
    public static partial void EventDropped(ILogger logger, string eventName, string instanceId);
}

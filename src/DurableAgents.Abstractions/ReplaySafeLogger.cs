using Microsoft.Extensions.Logging;

namespace DurableAgents;

/// <summary>Drops log entries while the orchestration replays, so each line is written once per real execution.</summary>
internal sealed class ReplaySafeLogger(TaskOrchestrationContext context, ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => !context.IsReplaying && inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!context.IsReplaying)
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}

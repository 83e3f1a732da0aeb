using DurableAgents.History;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Replay;

/// <summary>
/// Replays an orchestration from the start: a pure function of (past events, new events) that returns the new actions.
/// Stateless and thread-safe; each call uses a fresh <see cref="OrchestrationSession"/>.
/// </summary>
public sealed class OrchestrationExecutor
{
    private readonly DataConverter? _dataConverter;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly Func<Exception, IDictionary<string, object?>?>? _exceptionProperties;

    /// <summary>
    /// Creates an executor that converts payloads with <paramref name="dataConverter"/> (the SDK's JSON converter by
    /// default) and adds <paramref name="exceptionProperties"/> to the failures of orchestrator code.
    /// </summary>
    public OrchestrationExecutor(
        DataConverter? dataConverter = null,
        ILoggerFactory? loggerFactory = null,
        Func<Exception, IDictionary<string, object?>?>? exceptionProperties = null)
    {
        _dataConverter = dataConverter;
        _loggerFactory = loggerFactory;
        _exceptionProperties = exceptionProperties;
    }

    /// <summary>
    /// Runs <paramref name="orchestrator"/> from the start over <paramref name="pastEvents"/> (with IsReplaying true),
    /// then over <paramref name="newEvents"/>, and returns the actions history does not record yet.
    /// </summary>
    public OrchestratorExecutionResult Execute(ITaskOrchestrator orchestrator, IReadOnlyList<HistoryEvent> pastEvents, IReadOnlyList<HistoryEvent> newEvents)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        return new OrchestrationSession(orchestrator, _dataConverter, _loggerFactory, _exceptionProperties).Execute(pastEvents, newEvents);
    }
}

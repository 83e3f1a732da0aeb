using DurableAgents.Actions;
using DurableAgents.History;
using Microsoft.DurableTask;
using DurableAgents.Replay.Internal;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Replay;

/// <summary>
/// The cached replay state of one orchestration instance, for workers that keep an instance in memory between
/// episodes (sticky execution). The first <see cref="Execute"/> replays the whole history; later calls pass only the
/// next episode's new events and the suspended orchestrator code simply continues. Not thread-safe: one call at a time.
/// </summary>
public sealed class OrchestrationSession
{
    private readonly OrchestrationReplayer _replayer;
    private int _executing;
    private bool _hasExecuted;
    private bool _broken;

    /// <summary>Creates a session for one instance of <paramref name="orchestrator"/>.</summary>
    public OrchestrationSession(
        ITaskOrchestrator orchestrator,
        DataConverter? dataConverter = null,
        ILoggerFactory? loggerFactory = null,
        Func<Exception, IDictionary<string, object?>?>? exceptionProperties = null)
    {
        _replayer = new OrchestrationReplayer(orchestrator, dataConverter, loggerFactory, exceptionProperties);
    }

    /// <summary>
    /// Length of the stored history after the last <see cref="Execute"/>: the past events of the first call plus, for
    /// every call, what <see cref="EpisodeHistory.Append"/> appends for its new events and actions. A worker compares it
    /// with the engine's history length to decide whether this cached state is still valid.
    /// </summary>
    public int HistoryLength { get; private set; }

    /// <summary>True once the instance (or its current generation, after ContinueAsNew) has finished.</summary>
    public bool IsCompleted => _replayer.IsFinished;

    /// <summary>
    /// Runs one episode. First call: the full <paramref name="pastEvents"/> and the episode's <paramref name="newEvents"/>;
    /// later calls: empty <paramref name="pastEvents"/> and only the next episode's new events.
    /// </summary>
    /// <exception cref="InvalidOperationException">The session has completed, failed internally, or is already executing.</exception>
    /// <exception cref="ArgumentException">Past events were passed to a session that has already executed.</exception>
    public OrchestratorExecutionResult Execute(IReadOnlyList<HistoryEvent> pastEvents, IReadOnlyList<HistoryEvent> newEvents)
    {
        ArgumentNullException.ThrowIfNull(pastEvents);
        ArgumentNullException.ThrowIfNull(newEvents);
        if (_broken)
        {
            throw new InvalidOperationException("This orchestration session failed during an earlier episode; create a new session and replay the full history.");
        }

        if (_replayer.IsFinished)
        {
            throw new InvalidOperationException(
                "This orchestration session has completed; a new generation (after ContinueAsNew) or a restarted instance needs a new OrchestrationSession.");
        }

        if (_hasExecuted && pastEvents.Count > 0)
        {
            throw new ArgumentException(
                "A session that has already executed takes only the next episode's new events; pass an empty pastEvents list, or create a new session to replay the full history.",
                nameof(pastEvents));
        }

        if (Interlocked.Exchange(ref _executing, 1) == 1)
        {
            throw new InvalidOperationException("An orchestration session runs one episode at a time; this one is already executing.");
        }

        try
        {
            IReadOnlyList<OrchestratorAction> actions = _replayer.Execute(pastEvents, newEvents);
            HistoryLength += pastEvents.Count + EpisodeHistory.Append(newEvents, actions, default).Count;
            _hasExecuted = true;
            return new OrchestratorExecutionResult(actions, _replayer.CustomStatus);
        }
        catch
        {
            _broken = true;
            throw;
        }
        finally
        {
            Volatile.Write(ref _executing, 0);
        }
    }
}

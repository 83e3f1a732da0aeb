using DurableAgents.Actions;
using DurableAgents.Converters;
using DurableAgents.History;
using Microsoft.DurableTask;

namespace DurableAgents.Replay.Tests.Support;

/// <summary>
/// Plays the engine's part in executor tests: each episode replays the whole stored history with a fresh executor
/// (or continues a session), then appends the episode with <see cref="EpisodeHistory.Append"/>. Payloads are camelCase
/// JSON, as the engine's hosts write them (<see cref="WebJsonDataConverter"/>).
/// </summary>
internal sealed class EpisodeDriver(ITaskOrchestrator orchestrator, bool useSession = false)
{
    private readonly OrchestrationExecutor _executor = new(WebJsonDataConverter.Default);
    private readonly OrchestrationSession? _session = useSession ? new OrchestrationSession(orchestrator, WebJsonDataConverter.Default) : null;

    public List<HistoryEvent> History { get; } = [];

    public OrchestrationSession? Session => _session;

    /// <summary>Runs one episode at <paramref name="atSeconds"/>: OrchestratorStarted followed by <paramref name="events"/>.</summary>
    public OrchestratorExecutionResult Run(double atSeconds, params HistoryEvent[] events)
    {
        var newEvents = new List<HistoryEvent> { H.OrchestratorStarted(atSeconds) };
        newEvents.AddRange(events);
        OrchestratorExecutionResult result;
        if (_session is null)
        {
            result = _executor.Execute(orchestrator, History.ToList(), newEvents);
        }
        else
        {
            result = _session.Execute([], newEvents);
        }

        History.AddRange(EpisodeHistory.Append(newEvents, result.Actions, H.At(atSeconds)));
        return result;
    }

    /// <summary>Runs the first episode (OrchestratorStarted, ExecutionStarted).</summary>
    public OrchestratorExecutionResult Start(string? input = null, string name = "Orchestrator") =>
        Run(0, H.ExecutionStarted(name, input));

    public static T Single<T>(OrchestratorExecutionResult result) where T : OrchestratorAction =>
        Assert.IsType<T>(Assert.Single(result.Actions));
}

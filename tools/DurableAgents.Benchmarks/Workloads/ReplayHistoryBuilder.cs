using DurableAgents.Actions;
using DurableAgents.History;
using DurableAgents.Replay;
using Microsoft.DurableTask;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>
/// Records the history of an orchestration that calls activities one after another, by running it episode by
/// episode in an <see cref="OrchestrationSession"/> as an engine would (cost linear in the history).
/// Each episode is OrchestratorStarted, the activity's TaskCompleted, the next TaskScheduled, OrchestratorCompleted,
/// so a history of <c>4 * (activities + 1)</c> events.
/// </summary>
internal static class ReplayHistoryBuilder
{
    public const string OrchestratorName = "Sequence";

    private static readonly DateTime Start = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The orchestrator the history belongs to: calls "Step" <c>count</c> times in sequence and sums the results.</summary>
    public static ITaskOrchestrator CreateOrchestrator() => new SequenceOrchestrator();

    /// <summary>Builds a completed history of exactly <paramref name="eventCount"/> events (a multiple of 4, at least 8).</summary>
    public static List<HistoryEvent> Build(int eventCount)
    {
        if (eventCount < 8 || eventCount % 4 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(eventCount), eventCount, "The history size must be a multiple of 4 and at least 8.");
        }

        int activities = (eventCount / 4) - 1;
        var session = new OrchestrationSession(CreateOrchestrator());
        var history = new List<HistoryEvent>(eventCount);
        DateTime now = Start;
        Append(history, session, now, new ExecutionStartedEvent(-1, now, OrchestratorName, "bench", "exec", activities.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        // Task ids count from 0, as DurableTask.Core numbers them; step n (1-based) is task n - 1 and returns n.
        for (int taskId = 0; taskId < activities; taskId++)
        {
            now = now.AddMilliseconds(10);
            Append(history, session, now, new TaskCompletedEvent(-1, now, taskId, (taskId + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (history.Count != eventCount || history[^2] is not ExecutionCompletedEvent)
        {
            throw new InvalidOperationException($"Expected a completed history of {eventCount} events, built {history.Count}.");
        }

        return history;
    }

    private static void Append(List<HistoryEvent> history, OrchestrationSession session, DateTime now, HistoryEvent delivered)
    {
        HistoryEvent[] newEvents = [new OrchestratorStartedEvent(-1, now), delivered];
        IReadOnlyList<OrchestratorAction> actions = session.Execute([], newEvents).Actions;
        history.AddRange(EpisodeHistory.Append(newEvents, actions, now));
        history.Add(new OrchestratorCompletedEvent(-1, now));
    }

    private sealed class SequenceOrchestrator : TaskOrchestrator<int, long>
    {
        public override async Task<long> RunAsync(TaskOrchestrationContext context, int input)
        {
            long sum = 0;
            for (int i = 1; i <= input; i++)
            {
                sum += await context.CallActivityAsync<int>("Step", i);
            }

            return sum;
        }
    }
}

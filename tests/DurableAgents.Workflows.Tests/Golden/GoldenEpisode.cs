using DurableAgents.History;

namespace DurableAgents.Workflows.Tests.Golden;

/// <summary>
/// One recorded episode: the history before it (<see cref="Past"/>), what the engine delivered to it
/// (<see cref="Delivered"/>: OrchestratorStarted and the events that arrived), and everything it appended
/// (<see cref="Recorded"/>: the delivered events, then one event per action the orchestrator returned).
/// </summary>
internal sealed record GoldenEpisode(int Number, IReadOnlyList<HistoryEvent> Past, IReadOnlyList<HistoryEvent> Delivered, IReadOnlyList<HistoryEvent> Recorded)
{
    /// <summary>Splits a history at each OrchestratorStarted.</summary>
    public static IReadOnlyList<GoldenEpisode> Split(IReadOnlyList<HistoryEvent> history)
    {
        List<int> starts = [.. Enumerable.Range(0, history.Count).Where(i => history[i] is OrchestratorStartedEvent)];
        var episodes = new List<GoldenEpisode>(starts.Count);
        for (int episode = 0; episode < starts.Count; episode++)
        {
            int begin = starts[episode];
            int end = episode + 1 < starts.Count ? starts[episode + 1] : history.Count;
            List<HistoryEvent> recorded = [.. history.Skip(begin).Take(end - begin)];
            episodes.Add(new GoldenEpisode(episode + 1, [.. history.Take(begin)], [.. recorded.Where(e => !IsDerivedFromAnAction(e))], recorded));
        }

        return episodes;
    }

    /// <summary>Events the engine writes for an orchestrator's actions, rather than delivers to it.</summary>
    public static bool IsDerivedFromAnAction(HistoryEvent e) =>
        e is TaskScheduledEvent or TimerCreatedEvent or SubOrchestrationInstanceCreatedEvent or EventSentEvent or ExecutionCompletedEvent;

    public override string ToString() => $"episode {Number} (history events #{Past.Count + 1}..#{Past.Count + Recorded.Count})";
}

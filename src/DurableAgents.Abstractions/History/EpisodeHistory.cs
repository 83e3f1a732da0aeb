using DurableAgents.Actions;

namespace DurableAgents.History;

/// <summary>
/// The one rule for what an orchestrator episode appends to history: the episode's new events, then one event
/// per action that history must remember. The engine uses it to write history and a worker that caches replay
/// state uses it to know how long the stored history is, so both always agree.
/// </summary>
public static class EpisodeHistory
{
    /// <summary>Returns the events to append, in order, for an episode that consumed <paramref name="newEvents"/> and produced <paramref name="actions"/>.</summary>
    /// <param name="newEvents">The events delivered to the episode (starting with OrchestratorStarted).</param>
    /// <param name="actions">The actions the episode returned.</param>
    /// <param name="timestamp">The time stamped on the events derived from actions (the episode's commit time).</param>
    public static List<HistoryEvent> Append(IReadOnlyList<HistoryEvent> newEvents, IReadOnlyList<OrchestratorAction> actions, DateTime timestamp)
    {
        ArgumentNullException.ThrowIfNull(newEvents);
        ArgumentNullException.ThrowIfNull(actions);
        var appended = new List<HistoryEvent>(newEvents.Count + actions.Count);
        appended.AddRange(newEvents);
        foreach (OrchestratorAction action in actions)
        {
            HistoryEvent? derived = ToHistoryEvent(action, timestamp);
            if (derived is not null)
            {
                appended.Add(derived);
            }
        }

        return appended;
    }

    /// <summary>The history event that records <paramref name="action"/>, or null for actions history does not record.</summary>
    public static HistoryEvent? ToHistoryEvent(OrchestratorAction action, DateTime timestamp) => action switch
    {
        ScheduleTaskAction a => new TaskScheduledEvent(a.Id, timestamp, a.Name, a.Input, a.Version, a.Tags, a.ParentTraceContext),
        CreateSubOrchestrationAction a => new SubOrchestrationInstanceCreatedEvent(
            a.Id, timestamp, a.InstanceId, a.Name, a.Input, a.Version, a.Tags, a.ParentTraceContext),
        CreateTimerAction a => new TimerCreatedEvent(a.Id, timestamp, a.FireAt),
        SendEventAction a => new EventSentEvent(a.Id, timestamp, a.InstanceId, a.Name, a.Data),
        CompleteOrchestrationAction a => new ExecutionCompletedEvent(-1, timestamp, a.Status, a.Result, a.FailureDetails),
        TerminateOrchestrationAction => null,
        _ => throw new ArgumentException($"Unknown action type '{action?.GetType().Name}'.", nameof(action)),
    };
}

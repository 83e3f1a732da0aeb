using DurableAgents.History;

namespace DurableAgents.Workflows.Tests.Golden;

/// <summary>
/// Our executor numbers an orchestration's actions from 1; the official executor (DurableTask.Core's context) numbers
/// them from 0, and matches a replayed action to the recorded event by that number. This shifts every task id of a
/// history (the id of each action-derived event and every reference to it) so the official runner can replay it.
/// </summary>
internal static class TaskIdNumbering
{
    public static List<HistoryEvent> Shift(IEnumerable<HistoryEvent> history, int by) => [.. history.Select(e => Shift(e, by))];

    private static HistoryEvent Shift(HistoryEvent e, int by) => e switch
    {
        TaskScheduledEvent or TimerCreatedEvent or SubOrchestrationInstanceCreatedEvent or EventSentEvent => e with { EventId = e.EventId + by },
        TaskCompletedEvent c => c with { TaskScheduledId = c.TaskScheduledId + by },
        TaskFailedEvent f => f with { TaskScheduledId = f.TaskScheduledId + by },
        TimerFiredEvent t => t with { TimerId = t.TimerId + by },
        SubOrchestrationInstanceCompletedEvent c => c with { TaskScheduledId = c.TaskScheduledId + by },
        SubOrchestrationInstanceFailedEvent f => f with { TaskScheduledId = f.TaskScheduledId + by },
        _ => e,
    };
}

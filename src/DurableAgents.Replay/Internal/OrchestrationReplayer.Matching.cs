using System.Globalization;
using DurableAgents.Actions;
using DurableAgents.History;

namespace DurableAgents.Replay.Internal;

/// <summary>Nondeterminism detection: every recorded scheduling event must match the next action the code issued.</summary>
internal sealed partial class OrchestrationReplayer
{
    private void MatchRecordedAction(HistoryEvent recorded)
    {
        if (_completion is not null && _unrecorded.Count == 0)
        {
            FailNondeterministic(recorded.EventId, DescribeEvent(recorded), $"{DescribeAction(_completion)}: the code finished before it");
            return;
        }

        if (!_unrecorded.TryPeek(out OrchestratorAction? next))
        {
            FailNondeterministic(recorded.EventId, DescribeEvent(recorded), $"nothing: the code issued no call #{recorded.EventId}");
            return;
        }

        if (next.Id != recorded.EventId || !Matches(next, recorded))
        {
            FailNondeterministic(recorded.EventId, DescribeEvent(recorded), DescribeAction(next));
            return;
        }

        _unrecorded.Dequeue();
    }

    // Called where history says an episode ended: by then every action the code issued must have been recorded.
    private void EnsureEverythingRecorded(int position, string where)
    {
        if (_halted)
        {
            return;
        }

        if (_unrecorded.TryPeek(out OrchestratorAction? next))
        {
            FailNondeterministic(next.Id, $"no call #{next.Id} (nothing is recorded for it before {where}, history position {position})", DescribeAction(next));
            return;
        }

        if (_completion is not null && !_completionRecorded)
        {
            FailNondeterministic(_completion.Id, $"no completion before {where} (history position {position})", DescribeAction(_completion));
        }
    }

    private static bool Matches(OrchestratorAction action, HistoryEvent recorded) => (action, recorded) switch
    {
        (ScheduleTaskAction a, TaskScheduledEvent e) => string.Equals(a.Name, e.Name, StringComparison.OrdinalIgnoreCase),
        (CreateTimerAction, TimerCreatedEvent) => true,
        (CreateSubOrchestrationAction a, SubOrchestrationInstanceCreatedEvent e) => string.Equals(a.Name, e.Name, StringComparison.OrdinalIgnoreCase),
        (SendEventAction a, EventSentEvent e) => string.Equals(a.Name, e.Name, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private static string DescribeEvent(HistoryEvent recorded) => recorded switch
    {
        TaskScheduledEvent e => $"TaskScheduled '{e.Name}'",
        TimerCreatedEvent e => string.Create(CultureInfo.InvariantCulture, $"TimerCreated (fires at {e.FireAt:O})"),
        SubOrchestrationInstanceCreatedEvent e => $"SubOrchestrationInstanceCreated '{e.Name}' (instance '{e.InstanceId}')",
        EventSentEvent e => $"EventSent '{e.Name}' to '{e.InstanceId}'",
        _ => EventName(recorded),
    };

    private static string DescribeAction(OrchestratorAction action) => action switch
    {
        ScheduleTaskAction a => $"ScheduleTask '{a.Name}' (#{a.Id})",
        CreateTimerAction a => string.Create(CultureInfo.InvariantCulture, $"CreateTimer firing at {a.FireAt:O} (#{a.Id})"),
        CreateSubOrchestrationAction a => $"CreateSubOrchestration '{a.Name}' (instance '{a.InstanceId}', #{a.Id})",
        SendEventAction a => $"SendEvent '{a.Name}' to '{a.InstanceId}' (#{a.Id})",
        CompleteOrchestrationAction a => $"CompleteOrchestration with status {a.Status} (#{a.Id})",
        _ => $"{action.GetType().Name} (#{action.Id})",
    };
}

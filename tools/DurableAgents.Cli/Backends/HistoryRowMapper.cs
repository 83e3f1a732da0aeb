using System.Globalization;
using DurableAgents.Cli.Output;
using DurableAgents.History;

namespace DurableAgents.Cli.Backends;

/// <summary>
/// Turns history records into table rows. Episode bookkeeping (OrchestratorStarted/Completed) is left out because
/// it says nothing a reader needs; row numbers still count it, so a number always names the same stored event.
/// Completions carry the name of the activity or sub-orchestration they answer, looked up by task id.
/// </summary>
internal static class HistoryRowMapper
{
    public static IReadOnlyList<HistoryRow> FromEvents(IReadOnlyList<HistoryEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var scheduledNames = new Dictionary<int, string>();
        foreach (HistoryEvent e in history)
        {
            switch (e)
            {
                case TaskScheduledEvent task:
                    scheduledNames[task.EventId] = task.Name;
                    break;
                case SubOrchestrationInstanceCreatedEvent created:
                    scheduledNames[created.EventId] = created.Name;
                    break;
            }
        }

        var rows = new List<HistoryRow>(history.Count);
        for (int i = 0; i < history.Count; i++)
        {
            HistoryEvent e = history[i];
            if (e is OrchestratorStartedEvent or OrchestratorCompletedEvent)
            {
                continue;
            }

            (string? name, int? taskId, string? details) = Describe(e, scheduledNames);
            rows.Add(new HistoryRow(i + 1, e.Timestamp, EventType(e), name, taskId, details));
        }

        return rows;
    }

    /// <summary>The record name without the "Event" suffix, as the management API names event types.</summary>
    public static string EventType(HistoryEvent e)
    {
        string name = e.GetType().Name;
        return name.EndsWith("Event", StringComparison.Ordinal) ? name[..^"Event".Length] : name;
    }

    private static (string? Name, int? TaskId, string? Details) Describe(HistoryEvent e, Dictionary<int, string> names) => e switch
    {
        ExecutionStartedEvent started => (started.Name, null, Labelled("input", started.Input)),
        ExecutionCompletedEvent completed => (null, null, completed.FailureDetails is { } failure
            ? $"{completed.Status}: {Failure(failure)}"
            : Join(completed.Status.ToString(), Labelled("result", completed.Result))),
        ExecutionTerminatedEvent terminated => (null, null, Labelled("reason", terminated.Input)),
        ExecutionSuspendedEvent suspended => (null, null, Labelled("reason", suspended.Reason)),
        ExecutionResumedEvent resumed => (null, null, Labelled("reason", resumed.Reason)),
        ExecutionRewoundEvent rewound => (null, null, Labelled("reason", rewound.Reason)),
        ContinueAsNewEvent continued => (null, null, Labelled("input", continued.Input)),
        TaskScheduledEvent task => (task.Name, task.EventId, Labelled("input", task.Input)),
        TaskCompletedEvent completed => (NameOf(names, completed.TaskScheduledId), completed.TaskScheduledId, Labelled("result", completed.Result)),
        TaskFailedEvent failed => (NameOf(names, failed.TaskScheduledId), failed.TaskScheduledId, Failure(failed.FailureDetails)),
        SubOrchestrationInstanceCreatedEvent created => (created.Name, created.EventId,
            Join($"instance {created.InstanceId}", Labelled("input", created.Input))),
        SubOrchestrationInstanceCompletedEvent completed => (NameOf(names, completed.TaskScheduledId), completed.TaskScheduledId,
            Labelled("result", completed.Result)),
        SubOrchestrationInstanceFailedEvent failed => (NameOf(names, failed.TaskScheduledId), failed.TaskScheduledId, Failure(failed.FailureDetails)),
        TimerCreatedEvent timer => (null, timer.EventId, $"fires at {PayloadText.Time(timer.FireAt)}"),
        TimerFiredEvent fired => (null, fired.TimerId, $"was due at {PayloadText.Time(fired.FireAt)}"),
        EventSentEvent sent => (sent.Name, sent.EventId, Join($"to instance {sent.InstanceId}", Labelled("data", sent.Input))),
        EventRaisedEvent raised => (raised.Name, null, Labelled("data", raised.Input)),
        GenericEvent generic => (null, null, PayloadText.Summarize(generic.Data)),
        HistoryStateEvent state => (state.Name, null, state.Status.ToString()),
        _ => (null, e.EventId >= 0 ? e.EventId : null, null),
    };

    private static string? NameOf(Dictionary<int, string> names, int taskId) => names.GetValueOrDefault(taskId);

    private static string Failure(FailureDetails failure) =>
        PayloadText.Summarize($"failed: {failure.ErrorType}: {failure.ErrorMessage}", PayloadText.DefaultMaxLength + 40)!;

    private static string? Labelled(string label, string? payload) =>
        payload is null ? null : string.Create(CultureInfo.InvariantCulture, $"{label} {PayloadText.Summarize(payload)}");

    private static string? Join(string? first, string? second) =>
        (first, second) switch
        {
            (null, _) => second,
            (_, null) => first,
            _ => $"{first}, {second}",
        };
}

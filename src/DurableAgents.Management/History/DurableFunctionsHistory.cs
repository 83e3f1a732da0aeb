using System.Text.Json.Nodes;
using DurableAgents.History;
using DurableAgents.Management.Http;

namespace DurableAgents.Management.History;

/// <summary>
/// Renders a history the way Durable Functions' status API does: PascalCase entries with EventType and Timestamp;
/// episode bookkeeping (OrchestratorStarted/Completed) left out; a TaskScheduled or SubOrchestrationInstanceCreated
/// folded into its completion as FunctionName and ScheduledTime; results only with showHistoryOutput; inputs only
/// with showInput. Payloads are JSON values, not strings.
/// </summary>
internal static class DurableFunctionsHistory
{
    public static JsonArray Format(IEnumerable<HistoryEvent> history, bool showHistoryOutput, bool showInput)
    {
        List<HistoryEvent> events = history.ToList();
        var scheduled = new Dictionary<int, HistoryEvent>();
        var answered = new HashSet<int>();
        foreach (HistoryEvent e in events)
        {
            switch (e)
            {
                case TaskScheduledEvent or SubOrchestrationInstanceCreatedEvent:
                    scheduled[e.EventId] = e;
                    break;
                case TaskCompletedEvent c:
                    answered.Add(c.TaskScheduledId);
                    break;
                case TaskFailedEvent f:
                    answered.Add(f.TaskScheduledId);
                    break;
                case SubOrchestrationInstanceCompletedEvent c:
                    answered.Add(c.TaskScheduledId);
                    break;
                case SubOrchestrationInstanceFailedEvent f:
                    answered.Add(f.TaskScheduledId);
                    break;
            }
        }

        var result = new JsonArray();
        foreach (HistoryEvent e in events)
        {
            bool foldedIntoCompletion = e is TaskScheduledEvent or SubOrchestrationInstanceCreatedEvent && answered.Contains(e.EventId);
            if (e is OrchestratorStartedEvent or OrchestratorCompletedEvent || foldedIntoCompletion)
            {
                continue;
            }

            var entry = new JsonObject
            {
                ["EventType"] = EventType(e),
                ["Timestamp"] = JsonValues.Precise(e.Timestamp),
            };
            var context = new EntryContext(entry, scheduled, showHistoryOutput, showInput);
            context.Describe(e);
            result.Add(entry);
        }

        return result;
    }

    private static string EventType(HistoryEvent e) => e switch
    {
        // Durable Task's EventType calls this one GenericEvent; all others are the record name without "Event".
        GenericEvent => "GenericEvent",
        _ => e.GetType().Name.EndsWith("Event", StringComparison.Ordinal) ? e.GetType().Name[..^"Event".Length] : e.GetType().Name,
    };

    private readonly record struct EntryContext(JsonObject Entry, Dictionary<int, HistoryEvent> Scheduled, bool ShowOutput, bool ShowInput)
    {
        public void Describe(HistoryEvent e)
        {
            switch (e)
            {
                case ExecutionStartedEvent started:
                    Entry["FunctionName"] = started.Name;
                    Input(started.Input);
                    if (started.ScheduledStartTime is { } startAt)
                    {
                        Entry["ScheduledStartTime"] = JsonValues.Precise(startAt);
                    }

                    break;
                case ExecutionCompletedEvent completed:
                    Entry["OrchestrationStatus"] = completed.Status.ToString();
                    Output(completed.Result);
                    Failure(completed.FailureDetails);
                    break;
                case ExecutionTerminatedEvent terminated:
                    Input(terminated.Input);
                    break;
                case TaskScheduledEvent task:
                    Entry["Name"] = task.Name;
                    Input(task.Input);
                    break;
                case TaskCompletedEvent completed:
                    Origin(completed.TaskScheduledId);
                    Output(completed.Result);
                    break;
                case TaskFailedEvent failed:
                    Origin(failed.TaskScheduledId);
                    Failure(failed.FailureDetails);
                    break;
                case SubOrchestrationInstanceCreatedEvent created:
                    Entry["Name"] = created.Name;
                    Entry["InstanceId"] = created.InstanceId;
                    Input(created.Input);
                    break;
                case SubOrchestrationInstanceCompletedEvent completed:
                    Origin(completed.TaskScheduledId);
                    Output(completed.Result);
                    break;
                case SubOrchestrationInstanceFailedEvent failed:
                    Origin(failed.TaskScheduledId);
                    Failure(failed.FailureDetails);
                    break;
                case TimerCreatedEvent timer:
                    Entry["FireAt"] = JsonValues.Precise(timer.FireAt);
                    break;
                case TimerFiredEvent fired:
                    Entry["FireAt"] = JsonValues.Precise(fired.FireAt);
                    break;
                case EventRaisedEvent raised:
                    Entry["Name"] = raised.Name;
                    Input(raised.Input);
                    break;
                case EventSentEvent sent:
                    Entry["Name"] = sent.Name;
                    Entry["InstanceId"] = sent.InstanceId;
                    Input(sent.Input);
                    break;
                case ContinueAsNewEvent continued:
                    Input(continued.Input);
                    break;
                case ExecutionSuspendedEvent suspended:
                    Entry["Reason"] = suspended.Reason;
                    break;
                case ExecutionResumedEvent resumed:
                    Entry["Reason"] = resumed.Reason;
                    break;
                case ExecutionRewoundEvent rewound:
                    Entry["Reason"] = rewound.Reason;
                    break;
                case GenericEvent generic:
                    Entry["Data"] = generic.Data;
                    break;
                case HistoryStateEvent state:
                    Entry["OrchestrationStatus"] = state.Status.ToString();
                    break;
            }
        }

        /// <summary>Adds the name, time and input of the scheduling event that this completion answers.</summary>
        private void Origin(int taskScheduledId)
        {
            if (!Scheduled.TryGetValue(taskScheduledId, out HistoryEvent? origin))
            {
                return;
            }

            Entry["ScheduledTime"] = JsonValues.Precise(origin.Timestamp);
            switch (origin)
            {
                case TaskScheduledEvent task:
                    Entry["FunctionName"] = task.Name;
                    Input(task.Input);
                    break;
                case SubOrchestrationInstanceCreatedEvent created:
                    Entry["FunctionName"] = created.Name;
                    Entry["InstanceId"] = created.InstanceId;
                    Input(created.Input);
                    break;
            }
        }

        private void Input(string? input)
        {
            if (ShowInput)
            {
                Entry["Input"] = JsonValues.Parse(input);
            }
        }

        private void Output(string? result)
        {
            if (ShowOutput)
            {
                Entry["Result"] = JsonValues.Parse(result);
            }
        }

        private void Failure(FailureDetails? failure)
        {
            if (failure is null)
            {
                return;
            }

            Entry["Reason"] = failure.ErrorMessage;
            Entry["FailureDetails"] = new JsonObject
            {
                ["ErrorType"] = failure.ErrorType,
                ["ErrorMessage"] = failure.ErrorMessage,
                ["StackTrace"] = failure.StackTrace,
            };
        }
    }
}

using DurableAgents.History;

namespace DurableAgents.Worker.Tracing;

/// <summary>
/// What an orchestration's spans need from its history: who started it (the parent context) and what it scheduled.
/// Built from the history when the sidecar sends it, kept beside the cached session when it sends only new events.
/// </summary>
internal sealed class OrchestrationTraceMemory
{
    private readonly Dictionary<int, ScheduledCall> _scheduled = [];

    public OrchestrationTraceMemory(ExecutionStartedEvent started)
    {
        Started = started;
    }

    public ExecutionStartedEvent Started { get; }

    /// <summary>Reads the started and scheduling events of a whole history; null when it has no ExecutionStarted event.</summary>
    public static OrchestrationTraceMemory? FromHistory(IEnumerable<HistoryEvent> events)
    {
        OrchestrationTraceMemory? memory = null;
        foreach (HistoryEvent historyEvent in events)
        {
            if (historyEvent is ExecutionStartedEvent started)
            {
                memory = new OrchestrationTraceMemory(started);
            }
            else
            {
                memory?.Remember(historyEvent);
            }
        }

        return memory;
    }

    public void Remember(HistoryEvent historyEvent)
    {
        switch (historyEvent)
        {
            case TaskScheduledEvent task:
                _scheduled[task.EventId] = new ScheduledCall(DurableTaskSpans.Activity, task.Name, task.Version, task.Timestamp, task.ParentTraceContext);
                break;
            case SubOrchestrationInstanceCreatedEvent child:
                _scheduled[child.EventId] = new ScheduledCall(DurableTaskSpans.Orchestration, child.Name, child.Version, child.Timestamp, child.ParentTraceContext);
                break;
        }
    }

    public void Remember(int taskId, ScheduledCall call) => _scheduled[taskId] = call;

    public ScheduledCall? Find(int taskId) => _scheduled.GetValueOrDefault(taskId);
}

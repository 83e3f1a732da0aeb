using DurableAgents.History;
using DurableAgents.Worker.Caching;
using Proto = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Worker.Tracing;

/// <summary>
/// The trace memory of each cached session, kept beside the session cache with the same capacity: when the sidecar
/// sends only new events, the started event and the scheduled calls come from here.
/// </summary>
internal sealed class OrchestrationTraceMemories(int capacity)
{
    private readonly LruCache<SessionKey, OrchestrationTraceMemory> _memories = new(capacity);

    /// <summary>The memory for this episode: read from the history when the request carries it, else the kept one; null when nobody listens.</summary>
    public OrchestrationTraceMemory? Recall(SessionKey key, IReadOnlyList<HistoryEvent> pastEvents, IReadOnlyList<HistoryEvent> newEvents)
    {
        _memories.TryTake(key, out OrchestrationTraceMemory? kept);
        if (!DurableTaskSpans.Source.HasListeners())
        {
            return null;
        }

        OrchestrationTraceMemory? memory = OrchestrationTraceMemory.FromHistory(pastEvents.Concat(newEvents)) ?? kept;
        if (memory is not null && pastEvents.Count == 0 && memory == kept)
        {
            foreach (HistoryEvent historyEvent in newEvents)
            {
                memory.Remember(historyEvent);
            }
        }

        return memory;
    }

    /// <summary>Keeps the memory for the next episode unless the response finished the instance or asked for the history.</summary>
    public void Keep(SessionKey key, OrchestrationTraceMemory? memory, Proto.OrchestratorResponse response)
    {
        bool finished = response.Actions.Any(a => a.OrchestratorActionTypeCase == Proto.OrchestratorAction.OrchestratorActionTypeOneofCase.CompleteOrchestration);
        if (memory is not null && !finished && !response.RequiresHistory)
        {
            _memories.Put(key, memory);
        }
    }

    public void Forget(SessionKey key) => _memories.Remove(key);
}

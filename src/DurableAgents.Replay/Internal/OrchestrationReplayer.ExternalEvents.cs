using DurableAgents.History;

namespace DurableAgents.Replay.Internal;

/// <summary>External events: waiters are served first come, first served per name (case-insensitive); early events are buffered.</summary>
internal sealed partial class OrchestrationReplayer
{
    private readonly Dictionary<string, Queue<EventWaiter>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<BufferedEvent>> _buffered = new(StringComparer.OrdinalIgnoreCase);
    private long _arrivals;

    public Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        if (_buffered.TryGetValue(eventName, out Queue<BufferedEvent>? buffered) && buffered.TryDequeue(out BufferedEvent early))
        {
            try
            {
                return Task.FromResult(Deserialize<T>(early.Event.Input));
            }
            catch (Exception ex)
            {
                return Task.FromException<T>(ex);
            }
        }

        var waiter = new EventWaiter<T>(this, cancellationToken);
        if (!_waiters.TryGetValue(eventName, out Queue<EventWaiter>? queue))
        {
            queue = new Queue<EventWaiter>();
            _waiters.Add(eventName, queue);
        }

        queue.Enqueue(waiter);
        return waiter.Task;
    }

    private void OnEventRaised(EventRaisedEvent raised)
    {
        if (_waiters.TryGetValue(raised.Name, out Queue<EventWaiter>? queue))
        {
            while (queue.TryDequeue(out EventWaiter? waiter))
            {
                if (!waiter.IsFinished)
                {
                    waiter.Deliver(raised.Input);
                    return;
                }
            }
        }

        if (!_buffered.TryGetValue(raised.Name, out Queue<BufferedEvent>? buffered))
        {
            buffered = new Queue<BufferedEvent>();
            _buffered.Add(raised.Name, buffered);
        }

        buffered.Enqueue(new BufferedEvent(raised, _arrivals++));
    }

    private List<HistoryEvent> TakeBufferedEvents()
    {
        var events = new List<BufferedEvent>();
        foreach (Queue<BufferedEvent> queue in _buffered.Values)
        {
            events.AddRange(queue);
            queue.Clear();
        }

        events.Sort(static (a, b) => a.Order.CompareTo(b.Order));
        return events.ConvertAll(static e => (HistoryEvent)e.Event);
    }
}

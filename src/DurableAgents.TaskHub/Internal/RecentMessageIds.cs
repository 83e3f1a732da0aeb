namespace DurableAgents.TaskHub.Internal;

/// <summary>
/// Inbox messages this engine consumed or discarded lately. A partition's inbox read may lag the store's latest writes, so
/// it can still list a message that is already gone; remembering the ids for a while tells those apart from new ones.
/// Bounded by age (and by a count, so a burst cannot exhaust memory). Guarded by the engine's lock.
/// </summary>
internal sealed class RecentMessageIds(TimeSpan retention, int maxCount = 1_000_000)
{
    private readonly HashSet<long> _ids = [];
    private readonly Queue<(long Id, DateTime At)> _order = new();

    public int Count => _ids.Count;

    public void Add(long messageId, DateTime now)
    {
        if (_ids.Add(messageId))
        {
            _order.Enqueue((messageId, now));
        }

        Prune(now);
    }

    public bool Contains(long messageId) => _ids.Contains(messageId);

    public void Prune(DateTime now)
    {
        DateTime cutoff = now - retention;
        while (_order.TryPeek(out (long Id, DateTime At) oldest) && (oldest.At < cutoff || _order.Count > maxCount))
        {
            _order.Dequeue();
            _ids.Remove(oldest.Id);
        }
    }
}

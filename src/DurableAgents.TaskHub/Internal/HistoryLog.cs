using DurableAgents.History;

namespace DurableAgents.TaskHub.Internal;

/// <summary>
/// An append-only in-memory copy of an active instance's history. Snapshots are views that never change:
/// appends only write past every snapshot's end, and growing copies to a new array.
/// </summary>
internal sealed class HistoryLog
{
    private HistoryEvent[] _items;
    private int _count;

    public HistoryLog(int capacity = 16)
    {
        _items = new HistoryEvent[Math.Max(capacity, 4)];
    }

    public int Count => _count;

    public static HistoryLog From(IReadOnlyList<HistoryEvent> events)
    {
        var log = new HistoryLog(events.Count + 16);
        log.Append(events);
        return log;
    }

    public void Append(IReadOnlyList<HistoryEvent> events)
    {
        int needed = _count + events.Count;
        if (needed > _items.Length)
        {
            var grown = new HistoryEvent[Math.Max(needed, _items.Length * 2)];
            Array.Copy(_items, grown, _count);
            _items = grown;
        }

        for (int i = 0; i < events.Count; i++)
        {
            _items[_count + i] = events[i];
        }

        _count = needed;
    }

    public IReadOnlyList<HistoryEvent> Snapshot() => new ArraySegment<HistoryEvent>(_items, 0, _count);
}

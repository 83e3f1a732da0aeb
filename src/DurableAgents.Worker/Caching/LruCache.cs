namespace DurableAgents.Worker.Caching;

/// <summary>
/// A thread-safe least-recently-used map of bounded size. Entries are taken out while in use (<see cref="TryTake"/>)
/// and put back afterwards, so a value is never used by two callers at once.
/// </summary>
internal sealed class LruCache<TKey, TValue>
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<KeyValuePair<TKey, TValue>>> _entries;
    private readonly LinkedList<KeyValuePair<TKey, TValue>> _recency = new();
    private readonly object _gate = new();

    public LruCache(int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        _entries = new Dictionary<TKey, LinkedListNode<KeyValuePair<TKey, TValue>>>(comparer);
    }

    /// <summary>The most entries kept; 0 keeps none.</summary>
    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Removes the entry and returns it, if present.</summary>
    public bool TryTake(TKey key, out TValue value)
    {
        lock (_gate)
        {
            if (_entries.Remove(key, out var node))
            {
                _recency.Remove(node);
                value = node.Value.Value;
                return true;
            }
        }

        value = default!;
        return false;
    }

    /// <summary>Stores the entry as the most recently used, replacing one with the same key; returns the values pushed out.</summary>
    public IReadOnlyList<TValue> Put(TKey key, TValue value)
    {
        if (Capacity == 0)
        {
            return [value];
        }

        List<TValue>? evicted = null;
        lock (_gate)
        {
            if (_entries.Remove(key, out var existing))
            {
                _recency.Remove(existing);
                (evicted ??= []).Add(existing.Value.Value);
            }

            _entries[key] = _recency.AddFirst(new KeyValuePair<TKey, TValue>(key, value));
            while (_entries.Count > Capacity)
            {
                var oldest = _recency.Last!;
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
                (evicted ??= []).Add(oldest.Value.Value);
            }
        }

        return evicted ?? (IReadOnlyList<TValue>)[];
    }

    /// <summary>Drops the entry, if present.</summary>
    public bool Remove(TKey key) => TryTake(key, out _);

    /// <summary>True when an entry is stored under the key (does not change its recency).</summary>
    public bool Contains(TKey key)
    {
        lock (_gate)
        {
            return _entries.ContainsKey(key);
        }
    }
}

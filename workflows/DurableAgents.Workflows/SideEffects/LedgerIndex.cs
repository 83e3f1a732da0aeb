namespace DurableAgents.Workflows.SideEffects;

/// <summary>The in-memory part both ledgers share: entries in order and an index by idempotency key. Not thread-safe.</summary>
internal sealed class LedgerIndex
{
    private readonly List<LedgerEntry> _entries = [];
    private readonly Dictionary<string, LedgerEntry> _byKey = new(StringComparer.Ordinal);

    public long NextSequence => _entries.Count + 1;

    public IReadOnlyList<LedgerEntry> Snapshot() => _entries.ToArray();

    /// <summary>The entry already recorded for the key, checked to be for the same operation.</summary>
    public LedgerEntry? Find(string idempotencyKey, string operation)
    {
        if (!_byKey.TryGetValue(idempotencyKey, out LedgerEntry? existing))
        {
            return null;
        }

        if (!string.Equals(existing.Operation, operation, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Idempotency key '{idempotencyKey}' was recorded for '{existing.Operation}', not '{operation}'. "
                + "Each activity call needs its own key (use TaskActivityContext.IdempotencyKey).");
        }

        return existing;
    }

    public void Add(LedgerEntry entry)
    {
        _entries.Add(entry);
        _byKey[entry.IdempotencyKey] = entry;
    }

    public static void Validate(string idempotencyKey, string operation, string subject)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
    }
}

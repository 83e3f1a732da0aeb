namespace DurableAgents.Workflows.SideEffects;

/// <summary>A ledger in process memory (the default): idempotent per key while the process lives.</summary>
public sealed class InMemorySideEffectLedger : ISideEffectLedger
{
    private readonly Lock _gate = new();
    private readonly LedgerIndex _index = new();
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates an empty ledger.</summary>
    public InMemorySideEffectLedger(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public Task<LedgerEntry> RecordOnceAsync(
        string idempotencyKey, string operation, string subject, string? details = null, CancellationToken cancellationToken = default)
    {
        LedgerIndex.Validate(idempotencyKey, operation, subject);
        lock (_gate)
        {
            LedgerEntry? existing = _index.Find(idempotencyKey, operation);
            if (existing is not null)
            {
                return Task.FromResult(existing);
            }

            var entry = new LedgerEntry(_index.NextSequence, idempotencyKey, operation, subject, details, _timeProvider.GetUtcNow());
            _index.Add(entry);
            return Task.FromResult(entry);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<LedgerEntry>> GetEntriesAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_index.Snapshot());
        }
    }
}

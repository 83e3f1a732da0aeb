using DurableAgents.Workflows.SideEffects;

namespace DurableAgents.Workflows.Tests.Fakes;

/// <summary>The in-memory ledger, except that chosen operations fail as an unreachable external system would.</summary>
internal sealed class FaultyLedger(params string[] failingOperations) : ISideEffectLedger
{
    private readonly InMemorySideEffectLedger _inner = new();
    private int _failures;

    public int Failures => Volatile.Read(ref _failures);

    public Task<LedgerEntry> RecordOnceAsync(string idempotencyKey, string operation, string subject, string? details = null, CancellationToken cancellationToken = default)
    {
        if (failingOperations.Contains(operation))
        {
            Interlocked.Increment(ref _failures);
            throw new IOException($"The system behind {operation} is unavailable.");
        }

        return _inner.RecordOnceAsync(idempotencyKey, operation, subject, details, cancellationToken);
    }

    public Task<IReadOnlyList<LedgerEntry>> GetEntriesAsync(CancellationToken cancellationToken = default) => _inner.GetEntriesAsync(cancellationToken);
}

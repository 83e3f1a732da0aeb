namespace DurableAgents.Workflows.SideEffects;

/// <summary>One side effect as the ledger recorded it.</summary>
/// <param name="Sequence">Position in the ledger, from 1.</param>
/// <param name="IdempotencyKey">The key of the activity call that made it.</param>
/// <param name="Operation">What was done (see <see cref="SideEffectOperations"/>).</param>
/// <param name="Subject">What it was done to (ticket id, report id).</param>
/// <param name="Details">Free text (title, reason, channel).</param>
/// <param name="RecordedAt">When it was first recorded.</param>
public sealed record LedgerEntry(
    long Sequence, string IdempotencyKey, string Operation, string Subject, string? Details, DateTimeOffset RecordedAt);

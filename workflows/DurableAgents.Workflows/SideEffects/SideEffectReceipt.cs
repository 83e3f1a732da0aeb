namespace DurableAgents.Workflows.SideEffects;

/// <summary>What a side-effect activity returns: the ledger's record of the effect.</summary>
/// <param name="Operation">What was done.</param>
/// <param name="Subject">What it was done to (ticket id, report id).</param>
/// <param name="Sequence">The entry's position in the ledger.</param>
public sealed record SideEffectReceipt(string Operation, string Subject, long Sequence)
{
    /// <summary>The receipt of a ledger entry.</summary>
    public static SideEffectReceipt From(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new SideEffectReceipt(entry.Operation, entry.Subject, entry.Sequence);
    }
}

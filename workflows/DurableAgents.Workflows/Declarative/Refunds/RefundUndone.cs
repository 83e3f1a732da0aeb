namespace DurableAgents.Workflows.Declarative.Refunds;

/// <summary>What a compensation undid.</summary>
/// <param name="Undone">The id of the hold released or the refund reversed.</param>
public sealed record RefundUndone(string Undone);

namespace DurableAgents.Workflows.Declarative.Refunds;

/// <summary>Funds set aside for a refund.</summary>
/// <param name="HoldId">"HLD-" and the order id.</param>
/// <param name="Amount">The amount held.</param>
public sealed record RefundHold(string HoldId, decimal Amount);

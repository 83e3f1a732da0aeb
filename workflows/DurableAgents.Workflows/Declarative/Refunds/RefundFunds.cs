namespace DurableAgents.Workflows.Declarative.Refunds;

/// <summary>The input of the hold and release steps: the order and the amount.</summary>
/// <param name="OrderId">The order refunded.</param>
/// <param name="Amount">The amount held or released.</param>
public sealed record RefundFunds(string OrderId, decimal Amount);

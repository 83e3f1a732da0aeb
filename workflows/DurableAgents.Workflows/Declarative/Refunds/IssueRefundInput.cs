namespace DurableAgents.Workflows.Declarative.Refunds;

/// <summary>The input of the payment step and of its compensation.</summary>
/// <param name="OrderId">The order refunded.</param>
/// <param name="Amount">The amount paid out.</param>
/// <param name="GatewayFailures">Payment attempts the simulated gateway refuses before one succeeds.</param>
public sealed record IssueRefundInput(string OrderId, decimal Amount, int GatewayFailures);

namespace DurableAgents.Workflows.Declarative.Refunds;

/// <summary>The input of the payment step and of its compensation.</summary>
/// <param name="OrderId">The order refunded.</param>
/// <param name="Amount">The amount paid out.</param>
/// <param name="Attempt">Retries before this attempt (the state's <c>$$.State.RetryCount</c>).</param>
/// <param name="GatewayFailures">Attempts that fail before one succeeds.</param>
public sealed record IssueRefundInput(string OrderId, decimal Amount, int Attempt, int GatewayFailures);

namespace DurableAgents.Workflows.Declarative.Refunds;

/// <summary>Failures the fake refund steps play out, so the retry, catch and compensation paths can be tried.</summary>
/// <param name="GatewayFailures">How many payment attempts fail with <see cref="PaymentGatewayException"/> before one succeeds.</param>
/// <param name="CustomerUnreachable">Whether notifying the customer fails with <see cref="CustomerUnreachableException"/>.</param>
public sealed record RefundSimulation(int GatewayFailures = 0, bool CustomerUnreachable = false);

namespace DurableAgents.Workflows.Declarative.Refunds;

/// <summary>The customer was told about the refund.</summary>
/// <param name="Sent">Always true: a failed notification throws.</param>
/// <param name="Channel">How the customer was told.</param>
public sealed record RefundNotification(bool Sent, string Channel);

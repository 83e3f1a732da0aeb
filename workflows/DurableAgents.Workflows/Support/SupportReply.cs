using DurableAgents.Sagas;
using DurableAgents.Workflows.AgentCalls;

namespace DurableAgents.Workflows.Support;

/// <summary>Output of <see cref="CustomerSupportWorkflow"/>.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Outcome">Answered, or blocked by the compliance check.</param>
/// <param name="TicketId">The support ticket (resolved when answered, cancelled when blocked).</param>
public sealed record SupportReply(string CustomerId, SupportOutcome Outcome, string TicketId)
{
    /// <summary>The reply to the customer, when answered.</summary>
    public string? Reply { get; init; }

    /// <summary>The compliance check's verdict.</summary>
    public ComplianceVerdict? Compliance { get; init; }

    /// <summary>The agent calls made, in the order they finished.</summary>
    public IReadOnlyList<AgentUsage> Calls { get; init; } = [];

    /// <summary>Tokens used by the calls.</summary>
    public long TotalTokens { get; init; }

    /// <summary>Cost of the calls.</summary>
    public decimal TotalCost { get; init; }

    /// <summary>What was undone, when blocked.</summary>
    public CompensationReport? Compensation { get; init; }
}

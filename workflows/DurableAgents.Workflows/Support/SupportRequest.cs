using DurableAgents.Budgets;

namespace DurableAgents.Workflows.Support;

/// <summary>Input of <see cref="CustomerSupportWorkflow"/>.</summary>
/// <param name="CustomerId">The customer who wrote.</param>
/// <param name="Message">What they wrote.</param>
public sealed record SupportRequest(string CustomerId, string Message)
{
    /// <summary>
    /// Tokens and cost the three calls may use; null means unlimited, and so does a limit left out of it
    /// (<c>{"totalTokens":60000}</c> limits tokens only). Split 1 : 1 : 2 among data fetch, compliance
    /// check and writer.
    /// </summary>
    public WorkflowBudget? Budget { get; init; }

    /// <summary>The agent that collects the customer's data (capability "data-fetch").</summary>
    public string DataFetcher { get; init; } = "data-fetch";

    /// <summary>The agent that checks the request against policy (capability "compliance").</summary>
    public string ComplianceChecker { get; init; } = "compliance";

    /// <summary>The agent that writes the reply (capability "writing").</summary>
    public string Writer { get; init; } = "writer";
}

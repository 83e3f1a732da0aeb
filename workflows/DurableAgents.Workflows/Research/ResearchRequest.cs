using DurableAgents.Budgets;

namespace DurableAgents.Workflows.Research;

/// <summary>Input of <see cref="ResearchAssistantWorkflow"/>.</summary>
/// <param name="Topic">What to research.</param>
public sealed record ResearchRequest(string Topic)
{
    /// <summary>Who the report is for (shapes the writer's tone); optional.</summary>
    public string? Audience { get; init; }

    /// <summary>
    /// Tokens and cost the three calls may use; null means unlimited, and so does a limit left out of it
    /// (<c>{"totalTokens":60000}</c> limits tokens only). Each step gets its part of what is still left
    /// (weights 1 : 1 : 2 for retrieve, analyse, write), so tokens an early step did not use flow to later ones.
    /// </summary>
    public WorkflowBudget? Budget { get; init; }

    /// <summary>The agent that gathers facts (capability "research").</summary>
    public string Researcher { get; init; } = "researcher";

    /// <summary>The agent that analyses them (capability "analysis").</summary>
    public string Analyst { get; init; } = "analyst";

    /// <summary>The agent that writes the report (capability "writing").</summary>
    public string Writer { get; init; } = "writer";
}

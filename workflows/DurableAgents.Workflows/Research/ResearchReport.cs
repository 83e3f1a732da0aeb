using DurableAgents.Workflows.AgentCalls;

namespace DurableAgents.Workflows.Research;

/// <summary>Output of <see cref="ResearchAssistantWorkflow"/>.</summary>
/// <param name="Topic">The topic as given.</param>
/// <param name="Notes">The researcher's findings.</param>
/// <param name="Analysis">The analyst's analysis of them.</param>
/// <param name="Report">The writer's report.</param>
public sealed record ResearchReport(string Topic, string Notes, string Analysis, string Report)
{
    /// <summary>The three calls in order: retrieve, analyse, write.</summary>
    public IReadOnlyList<AgentUsage> Calls { get; init; } = [];

    /// <summary>Tokens used by the three calls.</summary>
    public long TotalTokens { get; init; }

    /// <summary>Cost of the three calls.</summary>
    public decimal TotalCost { get; init; }
}

using DurableAgents.Agents;
using DurableAgents.Workflows.AgentCalls;

namespace DurableAgents.Workflows.Tests.AgentCalls;

public sealed class AgentCatalogTests
{
    private static readonly AgentCatalog Catalog = new(
    [
        Profile("budget", ["research", "writing"], 0.0001m, 256),
        Profile("planner", ["planning", "research"], 0.02m, 1024),
        Profile("senior", ["research"], 0.01m, 2048),
        Profile("mid", ["research"], 0.005m, 1024),
        Profile("twin", ["research"], 0.005m, 512),
        Profile("writer", ["writing"], 0.002m, 1024),
    ]);

    [Fact]
    public void CandidatesFor_NoPreference_StrongestFirstThenCheaperOnesMostExpensiveFirst()
    {
        Assert.Equal(["senior", "mid", "twin", "budget"], Catalog.CandidatesFor("research", excludedAgents: ["planner"]));
    }

    [Fact]
    public void CandidatesFor_Preferred_OnlyCheaperAgentsFollow()
    {
        // Same price, smaller footprint counts as cheaper; the more expensive senior does not follow mid.
        Assert.Equal(["mid", "twin", "budget"], Catalog.CandidatesFor("RESEARCH", preferred: "mid", excludedAgents: ["planner"]));
        Assert.Equal(["budget"], Catalog.CandidatesFor("research", preferred: "budget"));
    }

    [Fact]
    public void CandidatesFor_UnknownCapability_IsEmpty() => Assert.Empty(Catalog.CandidatesFor("astrology"));

    [Fact]
    public void CapabilitiesExcept_Excluded_LeavesOthersDistinct()
    {
        Assert.Equal(["research", "writing"], Catalog.CapabilitiesExcept(["planner"]));
    }

    [Fact]
    public async Task DescribeAgents_Registry_CopiesWhatOrchestratorsNeed()
    {
        var registry = new AgentRegistry(
        [
            new AgentDefinition { Name = "r", Capabilities = ["research"], MaxTokens = 300, TokenBudget = 900, InputPricePer1kTokens = 0.1m, OutputPricePer1kTokens = 0.2m },
        ]);

        AgentCatalog catalog = await new DescribeAgentsActivity(registry).RunAsync(new Fakes.TestActivityContext(DescribeAgentsActivity.ActivityName, "i", 1), null);

        AgentProfile profile = Assert.Single(catalog.Agents);
        Assert.Equal(("r", "Offline", 300, 900L, 0.1m, 0.2m), (profile.Name, profile.Provider, profile.MaxTokens, profile.TokenBudget, profile.InputPricePer1kTokens, profile.OutputPricePer1kTokens));
        Assert.Equal(["research"], profile.Capabilities);
    }

    private static AgentProfile Profile(string name, string[] capabilities, decimal price, int maxTokens) =>
        new(name, capabilities) { InputPricePer1kTokens = price, OutputPricePer1kTokens = price, MaxTokens = maxTokens };
}

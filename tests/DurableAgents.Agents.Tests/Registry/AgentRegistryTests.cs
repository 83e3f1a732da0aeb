using Microsoft.Extensions.Configuration;

namespace DurableAgents.Agents.Tests.Registry;

public sealed class AgentRegistryTests
{
    [Fact]
    public void FromConfiguration_List_BindsEveryField()
    {
        AgentRegistry registry = AgentRegistry.FromConfiguration(Definitions(new Dictionary<string, string?>
        {
            ["Agents:Definitions:0:Name"] = "researcher",
            ["Agents:Definitions:0:Description"] = "Finds sources.",
            ["Agents:Definitions:0:Capabilities:0"] = "research",
            ["Agents:Definitions:0:Capabilities:1"] = "search",
            ["Agents:Definitions:0:Provider"] = "bedrock",
            ["Agents:Definitions:0:Model"] = "anthropic.claude-3-haiku-20240307-v1:0",
            ["Agents:Definitions:0:SystemPrompt"] = "You research.",
            ["Agents:Definitions:0:MaxTokens"] = "2048",
            ["Agents:Definitions:0:Temperature"] = "0.2",
            ["Agents:Definitions:0:Timeout"] = "00:00:30",
            ["Agents:Definitions:0:TokenBudget"] = "8000",
            ["Agents:Definitions:0:InputPricePer1kTokens"] = "0.00025",
            ["Agents:Definitions:0:OutputPricePer1kTokens"] = "0.00125",
            ["Agents:Definitions:1:Name"] = "writer",
        }));

        AgentDefinition researcher = registry.Get("RESEARCHER");
        Assert.Equal("researcher", researcher.Name);
        Assert.Equal("Finds sources.", researcher.Description);
        Assert.Equal(["research", "search"], researcher.Capabilities);
        Assert.Equal(ModelProviders.Bedrock, researcher.Provider);
        Assert.Equal("anthropic.claude-3-haiku-20240307-v1:0", researcher.Model);
        Assert.Equal("You research.", researcher.SystemPrompt);
        Assert.Equal(2048, researcher.MaxTokens);
        Assert.Equal(0.2f, researcher.Temperature);
        Assert.Equal(TimeSpan.FromSeconds(30), researcher.Timeout);
        Assert.Equal(8000, researcher.TokenBudget);
        Assert.Equal(0.00025m, researcher.InputPricePer1kTokens);
        Assert.Equal(0.00125m, researcher.OutputPricePer1kTokens);

        AgentDefinition writer = registry.Get("writer");
        Assert.Equal(ModelProviders.Offline, writer.Provider);
        Assert.Equal("offline", writer.Model);
        Assert.Equal(["researcher", "writer"], registry.Agents.Select(a => a.Name));
    }

    [Fact]
    public void FromConfiguration_Dictionary_TakesNameFromKey()
    {
        AgentRegistry registry = AgentRegistry.FromConfiguration(Definitions(new Dictionary<string, string?>
        {
            ["Agents:Definitions:reviewer:Capabilities:0"] = "review",
            ["Agents:Definitions:reviewer:MaxTokens"] = "300",
        }));

        AgentDefinition reviewer = Assert.Single(registry.Agents);
        Assert.Equal("reviewer", reviewer.Name);
        Assert.Equal(300, reviewer.MaxTokens);
    }

    [Fact]
    public void FromConfiguration_DefaultProvider_AppliedToAgentsWithoutOne()
    {
        AgentRegistry registry = AgentRegistry.FromConfiguration(
            Definitions(new Dictionary<string, string?> { ["Agents:Definitions:a:Model"] = "llama3.1" }), ModelProviders.OpenAiCompatible);

        Assert.Equal(ModelProviders.OpenAiCompatible, registry.Get("a").Provider);
    }

    [Fact]
    public void FromConfiguration_InvalidFields_ErrorNamesAgentAndEveryField()
    {
        AgentConfigurationException error = Assert.Throws<AgentConfigurationException>(() => AgentRegistry.FromConfiguration(Definitions(new Dictionary<string, string?>
        {
            ["Agents:Definitions:writer:MaxTokens"] = "0",
            ["Agents:Definitions:writer:Temperature"] = "3",
            ["Agents:Definitions:writer:Provider"] = "Gemini",
            ["Agents:Definitions:analyst:Provider"] = "Bedrock",
            ["Agents:Definitions:analyst:InputPricePer1kTokens"] = "-1",
        })));

        Assert.Contains("Agent 'writer': MaxTokens must be greater than 0 (got 0).", error.Errors);
        Assert.Contains(error.Errors, e => e.StartsWith("Agent 'writer': Temperature", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("Agent 'writer': Provider 'Gemini' is not a known provider", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("Agent 'analyst': Model is required for provider Bedrock", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("Agent 'analyst': InputPricePer1kTokens", StringComparison.Ordinal));
        Assert.Contains("Agents:Definitions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_UnconvertibleValue_ErrorNamesConfigurationPath()
    {
        AgentConfigurationException error = Assert.Throws<AgentConfigurationException>(() => AgentRegistry.FromConfiguration(Definitions(new Dictionary<string, string?>
        {
            ["Agents:Definitions:writer:MaxTokens"] = "many",
        })));

        Assert.Contains("Agents:Definitions:writer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DuplicateNames_Rejected()
    {
        AgentConfigurationException error = Assert.Throws<AgentConfigurationException>(
            () => new AgentRegistry([new AgentDefinition { Name = "a" }, new AgentDefinition { Name = "A" }]));

        Assert.Contains(error.Errors, e => e.StartsWith("Agent 'A': Name is used by more than one agent", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_MissingName_Rejected()
    {
        AgentConfigurationException error = Assert.Throws<AgentConfigurationException>(() => new AgentRegistry([new AgentDefinition()]));

        Assert.Contains("Agent #0: Name is required.", error.Errors);
    }

    [Fact]
    public void FindByCapability_CaseInsensitive_ReturnsMatchingAgentsInOrder()
    {
        var registry = new AgentRegistry(
        [
            new AgentDefinition { Name = "a", Capabilities = ["Research"] },
            new AgentDefinition { Name = "b", Capabilities = ["writing"] },
            new AgentDefinition { Name = "c", Capabilities = ["research", "review"] },
        ]);

        Assert.Equal(["a", "c"], registry.FindByCapability("research").Select(a => a.Name));
        Assert.Empty(registry.FindByCapability("translation"));
    }

    [Fact]
    public void Get_UnknownName_ThrowsListingKnownAgents()
    {
        var registry = new AgentRegistry([new AgentDefinition { Name = "planner" }]);

        AgentNotFoundException error = Assert.Throws<AgentNotFoundException>(() => registry.Get("plannr"));

        Assert.Contains("plannr", error.Message, StringComparison.Ordinal);
        Assert.Contains("planner", error.Message, StringComparison.Ordinal);
        Assert.False(registry.TryGet("plannr", out _));
    }

    private static IConfigurationSection Definitions(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Agents:Definitions");
}

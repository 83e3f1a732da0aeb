using DurableAgents.Agents.Calls;
using DurableAgents.Agents.Tests.Fakes;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DurableAgents.Agents.Tests.Registry;

public sealed class AgentsServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddAgents_Configuration_ResolvesActivityThatAnswersOffline()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Agents:Bedrock:Region"] = "eu-west-1",
            ["Agents:OpenAiCompatible:BaseUrl"] = "http://localhost:4000/v1",
            ["Agents:CircuitBreaker:MinimumThroughput"] = "7",
            ["Agents:Definitions:planner:Capabilities:0"] = "planning",
            ["Agents:Definitions:planner:SystemPrompt"] = "Plan the work as a JSON plan.",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAgents(configuration);
        await using ServiceProvider provider = services.BuildServiceProvider();

        AgentsOptions options = provider.GetRequiredService<IOptions<AgentsOptions>>().Value;
        Assert.Equal(ModelProviders.Offline, options.Provider);
        Assert.Equal("eu-west-1", options.Bedrock.Region);
        Assert.Equal("http://localhost:4000/v1", options.OpenAiCompatible.BaseUrl);
        Assert.Equal(7, options.CircuitBreaker.MinimumThroughput);
        Assert.Equal("planning", Assert.Single(provider.GetRequiredService<IAgentRegistry>().FindByCapability("planning")).Capabilities[0]);

        var tasks = new DurableTaskRegistry().AddAgentActivities();
        Func<IServiceProvider, ITaskActivity> factory = Assert.Single(tasks.GetActivities(), a => a.Key.Name == InvokeAgentActivity.ActivityName).Value;
        var activity = Assert.IsType<InvokeAgentActivity>(factory(provider));
        AgentResult result = await activity.RunAsync(new TestActivityContext("wf", 1), new AgentRequest("planner", "Research X, then write Y"));

        AgentPlan plan = AgentPlan.Parse(result.Text);
        Assert.Equal("Research X", plan.Steps[0].Task);
    }

    [Fact]
    public async Task AddAgents_InvalidDefinition_FailsWhenRegistryIsResolved()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Agents:Definitions:bad:MaxTokens"] = "-5",
        }).Build();
        await using ServiceProvider provider = new ServiceCollection().AddAgents(configuration).BuildServiceProvider();

        AgentConfigurationException error = Assert.Throws<AgentConfigurationException>(() => provider.GetRequiredService<IAgentRegistry>());

        Assert.Contains("Agent 'bad': MaxTokens", error.Message, StringComparison.Ordinal);
    }
}

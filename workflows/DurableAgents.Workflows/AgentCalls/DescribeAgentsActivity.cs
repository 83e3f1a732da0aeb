using DurableAgents.Agents;
using Microsoft.DurableTask;

namespace DurableAgents.Workflows.AgentCalls;

/// <summary>
/// Reads the agent registry into an <see cref="AgentCatalog"/>. Orchestrators must not read configuration
/// themselves (a replay could see different values); they call this activity, whose answer is recorded in history.
/// Registered as "DescribeAgents"; its input is ignored.
/// </summary>
[DurableTask(ActivityName)]
public sealed class DescribeAgentsActivity : TaskActivity<object?, AgentCatalog>
{
    /// <summary>The name the activity is registered and scheduled under.</summary>
    public const string ActivityName = "DescribeAgents";

    private readonly IAgentRegistry _registry;

    /// <summary>Creates the activity (normally by the worker, from the service provider).</summary>
    public DescribeAgentsActivity(IAgentRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    /// <inheritdoc/>
    public override Task<AgentCatalog> RunAsync(TaskActivityContext context, object? input)
    {
        List<AgentProfile> profiles = _registry.Agents.Select(a => new AgentProfile(a.Name, a.Capabilities.ToList())
        {
            Provider = a.Provider ?? string.Empty,
            MaxTokens = a.MaxTokens,
            TokenBudget = a.TokenBudget,
            InputPricePer1kTokens = a.InputPricePer1kTokens,
            OutputPricePer1kTokens = a.OutputPricePer1kTokens,
        }).ToList();
        return Task.FromResult(new AgentCatalog(profiles));
    }
}

using System.Diagnostics.Metrics;

namespace DurableAgents.Agents;

/// <summary>Tokens and cost of agent calls on the "DurableAgents" meter, by agent (and token type).</summary>
public sealed class AgentMetrics
{
    private readonly Counter<long> _tokens;
    private readonly Counter<double> _cost;

    /// <summary>Creates the instruments on <paramref name="meterFactory"/>'s meter; a process-wide meter when null.</summary>
    public AgentMetrics(IMeterFactory? meterFactory = null)
    {
        Meter meter = meterFactory?.Create("DurableAgents") ?? SharedMeter;
        _tokens = meter.CreateCounter<long>("durableagents.agent.tokens", "{token}", "Tokens agents' model calls used, by agent and gen_ai.token.type (input, output).");
        _cost = meter.CreateCounter<double>("durableagents.agent.cost", null, "Cost of agents' model calls at the agents' prices, by agent.");
    }

    // Without a factory the meter lives as long as the process, as static meters do.
    private static readonly Meter SharedMeter = new("DurableAgents");

    internal void Record(string agent, long inputTokens, long outputTokens, decimal cost)
    {
        var agentTag = new KeyValuePair<string, object?>("gen_ai.agent.name", agent);
        _tokens.Add(inputTokens, agentTag, new KeyValuePair<string, object?>("gen_ai.token.type", "input"));
        _tokens.Add(outputTokens, agentTag, new KeyValuePair<string, object?>("gen_ai.token.type", "output"));
        _cost.Add((double)cost, agentTag);
    }
}

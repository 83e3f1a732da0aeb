namespace DurableAgents.Agents;

/// <summary>The configured agents, looked up by name or capability.</summary>
public interface IAgentRegistry
{
    /// <summary>Every agent, in configuration order.</summary>
    IReadOnlyList<AgentDefinition> Agents { get; }

    /// <summary>The agent named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="AgentNotFoundException">No agent has that name.</exception>
    AgentDefinition Get(string name);

    /// <summary>Looks an agent up by name (case-insensitive).</summary>
    bool TryGet(string name, out AgentDefinition agent);

    /// <summary>Agents that list <paramref name="capability"/>, in configuration order.</summary>
    IReadOnlyList<AgentDefinition> FindByCapability(string capability);
}

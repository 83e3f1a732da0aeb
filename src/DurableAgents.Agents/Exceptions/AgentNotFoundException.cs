namespace DurableAgents.Agents;

/// <summary>No agent with the requested name is registered.</summary>
public sealed class AgentNotFoundException : Exception, INonRetriableFailure
{
    /// <summary>Creates the exception with a generic message.</summary>
    public AgentNotFoundException()
        : base("The agent is not registered.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AgentNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public AgentNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception naming the missing agent and the known ones.</summary>
    public AgentNotFoundException(string agentName, IEnumerable<string> knownAgents)
        : base($"No agent named '{agentName}' is registered. Known agents: {string.Join(", ", knownAgents ?? [])}. "
            + "Add it under Agents:Definitions in configuration or fix the name.")
    {
        AgentName = agentName;
    }

    /// <summary>The name that was looked up.</summary>
    public string? AgentName { get; }
}

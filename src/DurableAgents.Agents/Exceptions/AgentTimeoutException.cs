namespace DurableAgents.Agents;

/// <summary>An agent call took longer than the agent's configured timeout. Retriable.</summary>
public sealed class AgentTimeoutException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public AgentTimeoutException()
        : base("The agent call timed out.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AgentTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public AgentTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace DurableAgents.Agents;

/// <summary>
/// The agent's circuit breaker is open after repeated provider failures, so the call was not attempted.
/// Retriable: a durable retry after the break duration may succeed.
/// </summary>
public sealed class AgentUnavailableException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public AgentUnavailableException()
        : base("The agent is temporarily unavailable.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AgentUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public AgentUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace DurableAgents.Agents;

/// <summary>An agent definition in configuration is invalid; the message names the agent and the field.</summary>
public sealed class AgentConfigurationException : Exception, INonRetriableFailure
{
    /// <summary>Creates the exception with a generic message.</summary>
    public AgentConfigurationException()
        : base("An agent definition is invalid.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AgentConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public AgentConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception listing every problem found.</summary>
    public AgentConfigurationException(IReadOnlyList<string> errors)
        : base(FormatMessage(errors))
    {
        Errors = errors;
    }

    /// <summary>Each problem found, one line per agent field.</summary>
    public IReadOnlyList<string> Errors { get; } = [];

    private static string FormatMessage(IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return "Invalid agent configuration (section Agents:Definitions):" + Environment.NewLine
            + string.Join(Environment.NewLine, errors.Select(e => "  - " + e));
    }
}

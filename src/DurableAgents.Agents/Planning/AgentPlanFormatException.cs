namespace DurableAgents.Agents;

/// <summary>A planner's answer is not a valid <see cref="AgentPlan"/> JSON object.</summary>
public sealed class AgentPlanFormatException : FormatException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public AgentPlanFormatException()
        : base("The planner's answer is not a valid plan.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AgentPlanFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public AgentPlanFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

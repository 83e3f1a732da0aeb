namespace DurableAgents.Workflows.Supervisor;

/// <summary>
/// The planner gave no valid plan within the allowed attempts. The message names the last problem; check the
/// planner's model and system prompt, and that agents with the needed capabilities are configured.
/// </summary>
public sealed class InvalidPlanException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public InvalidPlanException()
        : base("The planner gave no valid plan.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidPlanException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public InvalidPlanException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

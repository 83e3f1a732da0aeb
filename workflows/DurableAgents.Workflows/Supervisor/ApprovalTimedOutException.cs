namespace DurableAgents.Workflows.Supervisor;

/// <summary>
/// Nobody answered a risky subtask's approval in time and the request asked to fail in that case
/// (<see cref="SupervisorRequest.FailOnApprovalTimeout"/>). Start the run again, or raise ApprovalTimeout.
/// </summary>
public sealed class ApprovalTimedOutException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ApprovalTimedOutException()
        : base("An approval timed out.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ApprovalTimedOutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public ApprovalTimedOutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

using DurableAgents.Sagas;

namespace DurableAgents.Workflows.Sagas;

/// <summary>
/// A workflow failed after making side effects, and its compensations were run. The message names the workflow, the
/// phase, the cause and each compensation's outcome; compensations that failed need a person to undo them by hand.
/// </summary>
public sealed class CompensatedWorkflowException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public CompensatedWorkflowException()
        : base("The workflow failed and its side effects were compensated.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CompensatedWorkflowException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public CompensatedWorkflowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="workflow"/> failing in <paramref name="phase"/>.</summary>
    public CompensatedWorkflowException(string workflow, string phase, Exception cause, CompensationReport compensation)
        : base(BuildMessage(workflow, phase, cause, compensation), cause)
    {
        Compensation = compensation;
    }

    /// <summary>What the compensations did.</summary>
    public CompensationReport? Compensation { get; }

    private static string BuildMessage(string workflow, string phase, Exception cause, CompensationReport compensation)
    {
        ArgumentNullException.ThrowIfNull(cause);
        ArgumentNullException.ThrowIfNull(compensation);
        string next = compensation.AllSucceeded
            ? "Every side effect was undone; fix the cause and start the workflow again."
            : "Some compensations failed: undo those side effects by hand before starting again.";
        return $"{workflow} failed while {phase}: {cause.Message} Compensations (newest first): {compensation.Summary}. {next}";
    }
}

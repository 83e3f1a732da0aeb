namespace DurableAgents;

/// <summary>Thrown into orchestrator code when an activity (or sub-orchestration) it awaited failed.</summary>
public class TaskFailedException : Exception
{
    /// <summary>Creates the exception for a failed task.</summary>
    public TaskFailedException(string taskName, int taskId, FailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails?.ErrorMessage}")
    {
        ArgumentNullException.ThrowIfNull(failureDetails);
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>Creates the exception with a custom message.</summary>
    protected TaskFailedException(string message, string taskName, int taskId, FailureDetails failureDetails)
        : base(message)
    {
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>Name of the failed activity or sub-orchestrator.</summary>
    public string TaskName { get; }

    /// <summary>The task's sequence id in the orchestration's history.</summary>
    public int TaskId { get; }

    /// <summary>What the task reported.</summary>
    public FailureDetails FailureDetails { get; }
}

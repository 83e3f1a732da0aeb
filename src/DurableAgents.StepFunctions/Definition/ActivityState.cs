namespace DurableAgents.StepFunctions;

/// <summary>A Task state that calls a Durable Task activity by name with the effective input.</summary>
public sealed record ActivityState : State
{
    /// <inheritdoc/>
    public override string Type => "Task";

    /// <summary>The activity's registered name.</summary>
    public required string ActivityName { get; init; }

    /// <summary>ASL's <c>TimeoutSeconds</c> of a Task: the attempt fails with States.Timeout after this long; null means no limit.</summary>
    public int? TimeoutSeconds { get; init; }
}

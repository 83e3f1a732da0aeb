namespace DurableAgents.StepFunctions;

/// <summary>
/// A declarative workflow: a named state machine in the Amazon States Language's shape (StartAt plus the States map).
/// Built and validated by <see cref="WorkflowBuilder"/>, so an instance of this type always passed validation.
/// </summary>
/// <param name="Name">The name the workflow is registered and started under (an orchestrator name).</param>
/// <param name="Machine">The top-level state machine.</param>
public sealed record WorkflowDefinition(string Name, StateMachine Machine)
{
    /// <summary>ASL's <c>Comment</c> of the whole machine.</summary>
    public string? Comment { get; init; }

    /// <summary>ASL's <c>TimeoutSeconds</c>: how long a run may take before it fails with States.Timeout; null means no limit.</summary>
    public int? TimeoutSeconds { get; init; }
}

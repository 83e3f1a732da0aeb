namespace DurableAgents.StepFunctions;

/// <summary>
/// A Task state that asks an agent of the registry (the InvokeAgent activity). The prompt is either a literal
/// (<see cref="Prompt"/>) or built from the state's effective input by a path or intrinsic function
/// (<see cref="PromptPath"/>, e.g. <c>States.Format('Summarise {}', $.text)</c>), as an ASL <c>.$</c> field would be.
/// </summary>
public sealed record AgentState : State
{
    /// <inheritdoc/>
    public override string Type => "Task";

    /// <summary>The agent's name in the registry.</summary>
    public required string AgentName { get; init; }

    /// <summary>A literal prompt; exactly one of this and <see cref="PromptPath"/> is set.</summary>
    public string? Prompt { get; init; }

    /// <summary>A path or intrinsic function that yields the prompt string from the effective input.</summary>
    public string? PromptPath { get; init; }

    /// <summary>ASL's <c>TimeoutSeconds</c> of a Task; null means no limit.</summary>
    public int? TimeoutSeconds { get; init; }
}

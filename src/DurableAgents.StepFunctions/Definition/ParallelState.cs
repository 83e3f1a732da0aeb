namespace DurableAgents.StepFunctions;

/// <summary>ASL's Parallel state: runs every branch on the effective input; the result is the branches' outputs in branch order.</summary>
public sealed record ParallelState : State
{
    /// <inheritdoc/>
    public override string Type => "Parallel";

    /// <summary>ASL's <c>Branches</c>: at least one.</summary>
    public IReadOnlyList<StateMachine> Branches { get; init; } = [];
}

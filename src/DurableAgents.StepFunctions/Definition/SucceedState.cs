namespace DurableAgents.StepFunctions;

/// <summary>ASL's Succeed state: ends its machine successfully with its (filtered) input as output.</summary>
public sealed record SucceedState : State
{
    /// <inheritdoc/>
    public override string Type => "Succeed";
}

namespace DurableAgents.StepFunctions;

/// <summary>ASL's Choice state: the first rule that matches names the next state, else <see cref="Default"/>.</summary>
public sealed record ChoiceState : State
{
    /// <inheritdoc/>
    public override string Type => "Choice";

    /// <summary>ASL's <c>Choices</c>: at least one.</summary>
    public IReadOnlyList<ChoiceRule> Choices { get; init; } = [];

    /// <summary>ASL's <c>Default</c>: where to go when no rule matches; without it the run fails with States.NoChoiceMatched.</summary>
    public string? Default { get; init; }
}

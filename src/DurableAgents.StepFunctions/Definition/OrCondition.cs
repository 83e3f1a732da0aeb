namespace DurableAgents.StepFunctions;

/// <summary>ASL's <c>Or</c>: true when any nested condition is (at least one is required).</summary>
/// <param name="Conditions">The nested conditions.</param>
public sealed record OrCondition(IReadOnlyList<Condition> Conditions) : Condition;

namespace DurableAgents.StepFunctions;

/// <summary>ASL's <c>And</c>: true when every nested condition is (at least one is required).</summary>
/// <param name="Conditions">The nested conditions.</param>
public sealed record AndCondition(IReadOnlyList<Condition> Conditions) : Condition;

namespace DurableAgents.StepFunctions;

/// <summary>ASL's <c>Not</c>: true when the nested condition is false.</summary>
/// <param name="Condition">The negated condition.</param>
public sealed record NotCondition(Condition Condition) : Condition;

namespace DurableAgents.StepFunctions;

/// <summary>A top-level rule of a Choice state: a condition and the state to go to when it holds.</summary>
/// <param name="Condition">The Boolean expression.</param>
/// <param name="Next">The state to go to.</param>
public sealed record ChoiceRule(Condition Condition, string Next);

namespace DurableAgents.Conformance.Tests.Scenarios;

/// <summary>Input of one step in the activity chain.</summary>
public sealed record StepInput(string Value, int Step);

namespace DurableAgents.StepFunctions.Equivalence.Tests.Equivalence;

/// <summary>What one side did with a scenario: how the run ended and the tasks it called, in order.</summary>
internal sealed record SideResult(RunOutcome Outcome, IReadOnlyList<Invocation> Invocations);

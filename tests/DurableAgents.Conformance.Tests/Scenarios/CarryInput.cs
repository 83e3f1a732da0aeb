namespace DurableAgents.Conformance.Tests.Scenarios;

/// <summary>Input of the continue-as-new-with-events scenario: the generation and whether unprocessed events are kept.</summary>
public sealed record CarryInput(int Generation, bool PreserveUnprocessedEvents);

using DurableAgents.Conformance.Tests.Scenarios;

namespace DurableAgents.Conformance.Tests.Ours;

/// <summary>
/// The conformance scenarios run by our executor (chosen with <c>UseDurableAgents</c> on the SDK's worker builder) and the
/// official client against our sidecar: the same registrations, outputs and recorded histories as the official worker.
/// </summary>
public sealed class DurableAgentsExecutorConformanceTests(DurableAgentsExecutorFixture fixture)
    : ConformanceScenarios(fixture), IClassFixture<DurableAgentsExecutorFixture>;

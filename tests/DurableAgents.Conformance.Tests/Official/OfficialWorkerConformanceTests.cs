using DurableAgents.Conformance.Tests.Scenarios;

namespace DurableAgents.Conformance.Tests.Official;

/// <summary>The conformance scenarios run by the official Microsoft.DurableTask 1.28.0 worker and client against our sidecar.</summary>
public sealed class OfficialWorkerConformanceTests(OfficialWorkerFixture fixture)
    : ConformanceScenarios(fixture), IClassFixture<OfficialWorkerFixture>;

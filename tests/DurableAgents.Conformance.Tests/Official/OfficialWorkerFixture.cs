using DurableAgents.Conformance.Tests.Infrastructure;

namespace DurableAgents.Conformance.Tests.Official;

/// <summary>Environments made of our sidecar and the official SDK's worker and client.</summary>
public sealed class OfficialWorkerFixture : ConformanceFixture
{
    /// <inheritdoc/>
    public override async Task<ConformanceEnvironment> StartEnvironmentAsync(ConformanceEnvironmentOptions options) =>
        await OfficialWorkerEnvironment.StartAsync(options);
}

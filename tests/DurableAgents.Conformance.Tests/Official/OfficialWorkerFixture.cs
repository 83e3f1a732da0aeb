using DurableAgents.Conformance.Tests.Infrastructure;

namespace DurableAgents.Conformance.Tests.Official;

using Microsoft.DurableTask.Worker;

/// <summary>Environments made of our sidecar and the official SDK's gRPC worker and client.</summary>
public sealed class OfficialWorkerFixture : ConformanceFixture
{
    /// <inheritdoc/>
    public override async Task<ConformanceEnvironment> StartEnvironmentAsync(ConformanceEnvironmentOptions options) =>
        await WorkerEnvironment.StartAsync(options, static (worker, address, _) => worker.UseGrpc(address));

    /// <inheritdoc/>
    public override bool RecordsActivityInputAsParameterArray => true;
}

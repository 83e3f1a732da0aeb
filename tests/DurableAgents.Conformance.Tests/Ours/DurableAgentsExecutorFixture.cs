using DurableAgents.Conformance.Tests.Infrastructure;
using DurableAgents.Worker;

namespace DurableAgents.Conformance.Tests.Ours;

/// <summary>Environments made of our sidecar, the official SDK's client and builder, and our executor as the builder's target.</summary>
public sealed class DurableAgentsExecutorFixture : ConformanceFixture
{
    /// <inheritdoc/>
    public override async Task<ConformanceEnvironment> StartEnvironmentAsync(ConformanceEnvironmentOptions options) =>
        await WorkerEnvironment.StartAsync(options, static (worker, address, environment) => worker.UseDurableAgents(o =>
        {
            o.Address = address;
            if (environment.ReplayEveryEpisode)
            {
                o.MaxCachedOrchestrations = 0;
            }
        }));
}

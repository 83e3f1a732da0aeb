using DurableAgents.History;
using DurableAgents.Testing;

namespace DurableAgents.Management.Tests.Infrastructure;

/// <summary>The history endpoint's reader over the test host the fixture runs.</summary>
internal sealed class TestHostHistoryReader(DurableTaskTestHost host) : IInstanceHistoryReader
{
    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellation = default) =>
        [.. await host.GetHistoryAsync(instanceId, cancellation)];
}

using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.Conformance.Tests.Suite;

/// <summary>
/// The <see cref="ITaskHubStore"/> contract, checked through the interface only; derived once per store. Each test gets a
/// fresh, empty task hub from <see cref="CreateHarnessAsync"/>.
/// </summary>
public abstract partial class TaskHubStoreConformanceTests
{
    /// <summary>Opens a store over a new, empty task hub.</summary>
    protected abstract Task<IStoreHarness> CreateHarnessAsync();

    protected static async Task Commit(IStoreHarness harness, params CommitRequest[] requests)
    {
        IReadOnlyList<CommitOutcome> outcomes = await harness.Store.CommitAsync(requests, CancellationToken.None);
        Assert.All(outcomes, o => Assert.True(o.Committed));
    }

    protected static async Task<CommitOutcome> CommitOne(IStoreHarness harness, CommitRequest request) =>
        Assert.Single(await harness.Store.CommitAsync([request], CancellationToken.None));

    protected static async Task<RecoveryState> Recovery(IStoreHarness harness) =>
        await harness.Store.LoadRecoveryStateAsync(CancellationToken.None);

    protected static async Task<InstanceRecord?> Get(IStoreHarness harness, string instanceId, bool includePayloads = false) =>
        await harness.Store.GetInstanceAsync(instanceId, includePayloads, CancellationToken.None);

    protected static async Task<IReadOnlyList<History.HistoryEvent>> History(IStoreHarness harness, string instanceId, string executionId = "exec-1") =>
        await harness.Store.GetHistoryAsync(instanceId, executionId, CancellationToken.None);
}

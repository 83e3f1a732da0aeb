using System.Collections.Concurrent;
using DurableAgents.TaskHub.Storage;
using DurableAgents.TaskHub.Tests.Engine.Infrastructure;
using DurableAgents.TestSupport;

namespace DurableAgents.TaskHub.Tests.Engine.Shared;

/// <summary>Starting an engine on a shared store when the store is slow or failing.</summary>
public sealed class SharedEngineStartTests
{
    /// <summary>Leases short enough that a load can outlast a lease's safe point within a test (safe point 1 s after a claim).</summary>
    private static TaskHubOptions ShortLeaseOptions() => new()
    {
        PartitionLeaseDuration = TimeSpan.FromMilliseconds(1500),
        PartitionRenewInterval = TimeSpan.FromMilliseconds(200),
        PartitionHandoverDelay = TimeSpan.Zero,
        InboxPollInterval = TimeSpan.FromMilliseconds(100),
        AbandonedWorkRetryDelay = TimeSpan.Zero,
    };

    [Fact]
    public async Task StartAsync_PartitionLoadOutlastsTheLeasesSafePoint_KeepsThePartitionAndRunsItsInstances()
    {
        using var directory = new TempDirectory("shared");
        await using var shared = new SharedSqliteStore(directory.File("hub.db"), partitionCount: 2);
        TaskHubOptions options = ShortLeaseOptions();
        var runs = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);

        // A first engine leaves a waiting instance behind and gives its partitions up.
        SharedHubNode first = await SharedHubNode.StartAsync("first", shared.View(), options, runs);
        await first.Engine.CreateInstanceAsync(new StartInstanceRequest("AwaitGo") { InstanceId = "slow-load", Input = Json.Of("slow-load") });
        await first.Engine.WaitForInstanceStartAsync("slow-load", cancellation: TestHub.Timeout());
        await first.StopAsync();

        // Every load of the second engine returns only once the claimed lease is past its safe point by the engine's clock.
        var store = new ScriptedPartitionedStore(shared.View()) { AfterLoad = (partition, inner) => WaitPastSafePointAsync(inner, partition, options) };
        await using SharedHubNode second = await SharedHubNode.StartAsync("second", store, options, runs);

        Assert.Equal([0, 1], second.Engine.OwnedPartitions);
        await second.Engine.RaiseEventAsync("slow-load", "go", Json.Of("go"));
        InstanceSnapshot done = await second.Engine.WaitForInstanceCompletionAsync("slow-load", includePayloads: true, TestHub.Timeout());
        Assert.Equal("slow-load:go:done", done.ReadOutputAs<string>());
        Assert.Contains("slow-load", second.RanInstances);

        // Each partition was loaded once: none was dropped after its load and claimed again.
        Assert.Equal(2, store.Loads);
    }

    [Fact]
    public async Task StartAsync_FirstPartitionTableReadFails_ThrowsAndLeavesTheEngineStoppedWithNothingHeld()
    {
        using var directory = new TempDirectory("shared");
        await using var shared = new SharedSqliteStore(directory.File("hub.db"), partitionCount: 2);
        var store = new ScriptedPartitionedStore(shared.View());
        store.FailTableReads(1);
        var engine = new TaskHubEngine(store, ShortLeaseOptions());

        await Assert.ThrowsAsync<IOException>(() => engine.StartAsync(TestHub.Timeout()));

        Assert.False(engine.IsRunning);
        await Assert.ThrowsAsync<TaskHubNotRunningException>(() => engine.CreateInstanceAsync(new StartInstanceRequest("Echo") { InstanceId = "after-failed-start" }));
        PartitionTable table = await shared.View().ReadPartitionTableAsync(CancellationToken.None);
        Assert.Empty(table.Members);
        Assert.All(table.Leases, lease => Assert.Null(lease.Owner));
        Assert.Empty(engine.OwnedPartitions);
        await engine.StopAsync(TestHub.Timeout());
    }

    /// <summary>Waits (polling the system clock the engines use) until the partition's lease is past its safe point.</summary>
    private static async Task WaitPastSafePointAsync(ITaskHubPartitionedStore store, int partition, TaskHubOptions options)
    {
        PartitionTable table = await store.ReadPartitionTableAsync(CancellationToken.None);
        DateTime safePoint = table.Leases.Single(l => l.Partition == partition).ExpiresAt - (options.PartitionLeaseDuration / 3);
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow <= safePoint)
        {
            Assert.True(DateTime.UtcNow < deadline, "The lease's safe point never came.");
            await Task.Delay(20);
        }
    }
}

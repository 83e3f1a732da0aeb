using System.Collections.Concurrent;
using DurableAgents.Actions;
using DurableAgents.TaskHub.Storage;
using DurableAgents.TaskHub.Tests.Engine.Infrastructure;

namespace DurableAgents.TaskHub.Tests.Engine.Shared;

/// <summary>
/// Several engines on one shared store: partitions split between them, work crosses engines through the store, a stopped
/// or crashed engine's instances are finished by the other, and a commit of an engine that lost its partition is refused.
/// Each derived class supplies the store.
/// </summary>
public abstract class SharedStoreEngineTests : IAsyncLifetime
{
    private readonly List<SharedHubNode> _nodes = [];

    /// <summary>Activity runs per input, across every engine.</summary>
    private readonly ConcurrentDictionary<string, int> _runs = new(StringComparer.Ordinal);

    /// <summary>A new handle on the test's shared store (each engine gets its own, as each sidecar has its own client).</summary>
    private protected abstract Task<ITaskHubPartitionedStore> OpenStoreAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (SharedHubNode node in _nodes)
        {
            await node.DisposeAsync();
        }
    }

    /// <summary>
    /// Short leases, so takeovers after a crash happen within a test; long enough that slow store calls on a busy machine
    /// (DynamoDB Local beside other tests) do not make an engine give up its own partitions (it renews every half second,
    /// and stops using a lease it could not renew within 4 s).
    /// </summary>
    private protected static TaskHubOptions FastOptions() => new()
    {
        PartitionLeaseDuration = TimeSpan.FromSeconds(6),
        PartitionRenewInterval = TimeSpan.FromMilliseconds(500),
        InboxPollInterval = TimeSpan.FromMilliseconds(200),
        AbandonedWorkRetryDelay = TimeSpan.Zero,
    };

    [Fact]
    public async Task StartAsync_AloneOnTheStore_OwnsEveryPartition()
    {
        SharedHubNode a = await StartNodeAsync("a", FastOptions());

        Assert.NotNull(a.Engine.OwnerId);
        Assert.Equal(Enumerable.Range(0, await PartitionCountAsync()), a.Engine.OwnedPartitions);
    }

    [Fact]
    public async Task TwoEngines_SplitThePartitions()
    {
        (SharedHubNode a, SharedHubNode b) = await StartSplitPairAsync(FastOptions());

        int count = await PartitionCountAsync();
        Assert.Empty(a.Engine.OwnedPartitions.Intersect(b.Engine.OwnedPartitions));
        Assert.Equal(Enumerable.Range(0, count), a.Engine.OwnedPartitions.Union(b.Engine.OwnedPartitions).Order());
        Assert.InRange(a.Engine.OwnedPartitions.Count, count / 2, (count + 1) / 2);
    }

    [Fact]
    public async Task CreateInstanceAsync_ThroughTheEngineThatDoesNotOwnIt_RunsOnTheOwnersWorker()
    {
        (SharedHubNode a, SharedHubNode b) = await StartSplitPairAsync(FastOptions());
        string id = await IdInAsync(b, "echo");

        await a.Engine.CreateInstanceAsync(new StartInstanceRequest("Echo") { InstanceId = id, Input = Json.Of(id) });
        InstanceSnapshot done = await a.Engine.WaitForInstanceCompletionAsync(id, includePayloads: true, TestHub.Timeout());

        Assert.Equal(OrchestrationStatus.Completed, done.RuntimeStatus);
        Assert.Equal(id + ":done", done.ReadOutputAs<string>());
        Assert.Contains(id, b.RanInstances);
        Assert.DoesNotContain(id, a.RanInstances);
        Assert.Equal(1, _runs[id]);
    }

    [Fact]
    public async Task RaiseEventAsync_ThroughTheEngineThatDoesNotOwnIt_ReachesTheInstance()
    {
        (SharedHubNode a, SharedHubNode b) = await StartSplitPairAsync(FastOptions());
        string id = await IdInAsync(b, "go");
        await b.Engine.CreateInstanceAsync(new StartInstanceRequest("AwaitGo") { InstanceId = id, Input = Json.Of(id) });
        await a.Engine.WaitForInstanceStartAsync(id, cancellation: TestHub.Timeout());

        await a.Engine.RaiseEventAsync(id, "go", Json.Of("now"));
        InstanceSnapshot done = await a.Engine.WaitForInstanceCompletionAsync(id, includePayloads: true, TestHub.Timeout());

        Assert.Equal(id + ":now:done", done.ReadOutputAs<string>());
        Assert.DoesNotContain(id, a.RanInstances);
    }

    [Fact]
    public async Task StopAsync_OneEngine_TheOtherTakesOverAtOnceAndFinishesItsInstances()
    {
        // Leases far longer than the test's waits: the takeover cannot come from an expiry, only from the release.
        TaskHubOptions options = FastOptions();
        options.PartitionLeaseDuration = TimeSpan.FromMinutes(10);
        (SharedHubNode a, SharedHubNode b) = await StartSplitPairAsync(options);
        string[] ids = await StartWaitingInstancesAsync(b, "stop", 6);

        await b.StopAsync();
        await EventuallyAsync(() => a.Engine.OwnedPartitions.Count == PartitionCountNow(), "a owns every partition");
        await FinishThroughAsync(a, ids);
    }

    [Fact]
    public async Task CrashOfOneEngine_TheOtherTakesOverAfterTheLeaseExpiresAndFinishesEverythingOnce()
    {
        (SharedHubNode a, SharedHubNode b) = await StartSplitPairAsync(FastOptions());
        string[] ids = await StartWaitingInstancesAsync(b, "crash", 6);

        await b.CrashAsync();

        // Raised while nobody runs the instances: the messages wait in the store for the engine that takes the partitions.
        await FinishThroughAsync(a, ids);
        Assert.Empty(a.Logs.WithEventId(1026));

        await EventuallyAsync(() => a.Engine.OwnedPartitions.Count == PartitionCountNow(), "a owns every partition");
    }

    [Fact]
    public async Task SubOrchestration_InAPartitionOfTheOtherEngine_RunsThereAndAnswersTheParent()
    {
        (SharedHubNode a, SharedHubNode b) = await StartSplitPairAsync(FastOptions());
        string parentId = await IdInAsync(a, "parent");
        string childId = await IdInAsync(b, "child");

        await a.Engine.CreateInstanceAsync(new StartInstanceRequest("Parent") { InstanceId = parentId, Input = Json.Of(childId) });
        InstanceSnapshot done = await a.Engine.WaitForInstanceCompletionAsync(parentId, includePayloads: true, TestHub.Timeout());

        Assert.Equal(childId + ":done", done.ReadOutputAs<string>());
        Assert.Contains(parentId, a.RanInstances);
        Assert.Contains(childId, b.RanInstances);
        Assert.DoesNotContain(childId, a.RanInstances);
    }

    [Fact]
    public async Task SubOrchestration_WhoseIdIsActiveOnTheOtherEngine_FailsTheCallInsteadOfRetrying()
    {
        (SharedHubNode a, SharedHubNode b) = await StartSplitPairAsync(FastOptions());
        string busyId = await IdInAsync(b, "busy");
        await b.Engine.CreateInstanceAsync(new StartInstanceRequest("AwaitGo") { InstanceId = busyId, Input = Json.Of(busyId) });
        await b.Engine.WaitForInstanceStartAsync(busyId, cancellation: TestHub.Timeout());
        string parentId = await IdInAsync(a, "parent");

        await a.Engine.CreateInstanceAsync(new StartInstanceRequest("Parent") { InstanceId = parentId, Input = Json.Of(busyId) });
        InstanceSnapshot done = await a.Engine.WaitForInstanceCompletionAsync(parentId, includePayloads: true, TestHub.Timeout());

        Assert.Equal("refused: " + typeof(InstanceAlreadyExistsException).FullName, done.ReadOutputAs<string>());
        Assert.Equal(OrchestrationStatus.Running, (await b.Engine.GetInstanceAsync(busyId))!.RuntimeStatus);
    }

    [Fact]
    public async Task TerminateAsync_RecursiveThroughTheParentsEngine_TerminatesAChildTheOtherEngineRuns()
    {
        (SharedHubNode a, SharedHubNode b) = await StartSplitPairAsync(FastOptions());
        string parentId = await IdInAsync(a, "parent");
        string childId = await IdInAsync(b, "child");
        await a.Engine.CreateInstanceAsync(new StartInstanceRequest("WaitingParent") { InstanceId = parentId, Input = Json.Of(childId) });
        await EventuallyAsync(async () => (await a.Engine.GetInstanceAsync(childId))?.RuntimeStatus == OrchestrationStatus.Running, "the child runs");

        await a.Engine.TerminateAsync(parentId, Json.Of("stop"), recursive: true);

        Assert.Equal(OrchestrationStatus.Terminated, (await a.Engine.WaitForInstanceCompletionAsync(parentId, cancellation: TestHub.Timeout())).RuntimeStatus);
        Assert.Equal(OrchestrationStatus.Terminated, (await a.Engine.WaitForInstanceCompletionAsync(childId, cancellation: TestHub.Timeout())).RuntimeStatus);
        Assert.Contains(childId, b.RanInstances);
    }

    [Fact]
    public async Task ClientCalls_ThroughTheEngineThatDoesNotOwnTheInstance_WorkOnTheStoreRow()
    {
        (SharedHubNode a, SharedHubNode b) = await StartSplitPairAsync(FastOptions());
        string id = await IdInAsync(b, "client");
        await a.Engine.CreateInstanceAsync(new StartInstanceRequest("AwaitGo") { InstanceId = id, Input = Json.Of(id) });
        await a.Engine.WaitForInstanceStartAsync(id, cancellation: TestHub.Timeout());

        await Assert.ThrowsAsync<InstanceAlreadyExistsException>(() => a.Engine.CreateInstanceAsync(new StartInstanceRequest("AwaitGo") { InstanceId = id }));
        await Assert.ThrowsAsync<InvalidInstanceStateException>(() => a.Engine.PurgeAsync(id));
        await a.Engine.SuspendAsync(id, "pause");
        await a.Engine.WaitForInstanceAsync(id, s => s.RuntimeStatus == OrchestrationStatus.Suspended, cancellation: TestHub.Timeout());
        await a.Engine.ResumeAsync(id, "go on");
        await a.Engine.WaitForInstanceAsync(id, s => s.RuntimeStatus == OrchestrationStatus.Running, cancellation: TestHub.Timeout());
        await a.Engine.TerminateAsync(id, Json.Of("enough"));
        InstanceSnapshot terminated = await a.Engine.WaitForInstanceCompletionAsync(id, includePayloads: true, TestHub.Timeout());
        Assert.Equal(OrchestrationStatus.Terminated, terminated.RuntimeStatus);
        Assert.Contains(await a.Engine.GetHistoryAsync(id), e => e is History.ExecutionTerminatedEvent);
        await Assert.ThrowsAsync<InvalidInstanceStateException>(() => a.Engine.RaiseEventAsync(id, "go", null));

        Assert.Equal(1, await a.Engine.PurgeAsync(id));
        Assert.Null(await b.Engine.GetInstanceAsync(id));
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => a.Engine.RaiseEventAsync(id, "go", null));
        Assert.DoesNotContain(id, a.RanInstances);
    }

    [Fact]
    public async Task CompleteOrchestratorWorkItemAsync_AfterThePartitionWasClaimedAway_IsRefusedAndWritesNothing()
    {
        // One round at start and none for an hour: only the fence can notice the claim.
        var options = new TaskHubOptions
        {
            PartitionLeaseDuration = TimeSpan.FromHours(3),
            PartitionRenewInterval = TimeSpan.FromMinutes(59),
            InboxPollInterval = TimeSpan.FromHours(1),
        };
        ITaskHubPartitionedStore store = await OpenStoreAsync();
        var engine = new TaskHubEngine(store, options);
        await engine.StartAsync(TestHub.Timeout());
        try
        {
            WorkerConnection connection = engine.ConnectWorker();
            string id = await engine.CreateInstanceAsync(new StartInstanceRequest("Echo") { InstanceId = "fenced-1" });
            OrchestratorWorkItem item = await connection.NextAsync<OrchestratorWorkItem>();
            int partition = TaskHubPartitions.Of(id, store.PartitionCount);

            ITaskHubPartitionedStore intruder = await OpenStoreAsync();
            PartitionTable table = await intruder.ReadPartitionTableAsync(CancellationToken.None);
            PartitionLease? taken = await intruder.TryClaimAsync(table.Leases[partition], "intruder", DateTime.UtcNow.AddHours(1), CancellationToken.None);
            Assert.NotNull(taken);

            await engine.CompleteOrchestratorWorkItemAsync(
                item.CompletionToken, [new CompleteOrchestrationAction(1, OrchestrationStatus.Completed, Json.Of("written by a stale owner"))], null);

            InstanceRecord row = (await intruder.GetInstanceAsync(id, true, CancellationToken.None))!;
            Assert.Equal(OrchestrationStatus.Pending, row.Status);
            Assert.Equal(0, row.HistoryLength);
            Assert.Null(row.Output);
            Assert.Single((await intruder.LoadPartitionAsync(partition, CancellationToken.None)).Inbox, m => m.InstanceId == id);
            Assert.DoesNotContain(partition, engine.OwnedPartitions);
            Assert.Equal(store.PartitionCount - 1, engine.OwnedPartitions.Count);
            await Assert.ThrowsAsync<StaleCompletionTokenException>(() => engine.CompleteOrchestratorWorkItemAsync(item.CompletionToken, [], null));
        }
        finally
        {
            await engine.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task InboxPoll_MessageForAFinishedInstance_IsDeletedByItsOwner()
    {
        (SharedHubNode a, SharedHubNode b) = await StartSplitPairAsync(FastOptions());
        string id = await IdInAsync(b, "done");
        await a.Engine.CreateInstanceAsync(new StartInstanceRequest("Echo") { InstanceId = id, Input = Json.Of(id) });
        await a.Engine.WaitForInstanceCompletionAsync(id, cancellation: TestHub.Timeout());
        ITaskHubPartitionedStore store = await OpenStoreAsync();
        int partition = TaskHubPartitions.Of(id, store.PartitionCount);

        // Written as another sidecar's episode would (SendEvent to an instance it cannot judge): the owner discards it.
        var late = new InboxMessage(long.MaxValue - 7, id, new History.EventRaisedEvent(-1, DateTime.UtcNow, "late", null), DateTime.UtcNow);
        Assert.True((await store.CommitAsync([new CommitRequest { InboxInserts = [late] }], CancellationToken.None))[0].Committed);

        await EventuallyAsync(
            async () => (await store.ReadPartitionInboxAsync(partition, CancellationToken.None)).All(m => m.MessageId != late.MessageId),
            "the owner deletes the orphan");
        Assert.Equal(OrchestrationStatus.Completed, (await a.Engine.GetInstanceAsync(id))!.RuntimeStatus);
    }

    [Fact]
    public async Task Balancing_RemovesTheHeartbeatOfAMemberThatCrashedLongAgoAndKeepsARecentOne()
    {
        ITaskHubPartitionedStore store = await OpenStoreAsync();
        await store.InitializeAsync(CancellationToken.None);
        // Ten lease durations (60 s with these options) after its expiry, a member that never came back is forgotten.
        await store.HeartbeatAsync("crashed-long-ago", DateTime.UtcNow.AddMinutes(-5), CancellationToken.None);
        await store.HeartbeatAsync("crashed-recently", DateTime.UtcNow.AddSeconds(-5), CancellationToken.None);

        SharedHubNode a = await StartNodeAsync("a", FastOptions());

        await EventuallyAsync(
            async () => (await store.ReadPartitionTableAsync(CancellationToken.None)).Members.All(m => m.Owner != "crashed-long-ago"),
            "the long-expired heartbeat is removed");
        IReadOnlyList<PartitionMember> members = (await store.ReadPartitionTableAsync(CancellationToken.None)).Members;
        Assert.Equal(new[] { "crashed-recently", a.Engine.OwnerId! }.Order(StringComparer.Ordinal), members.Select(m => m.Owner).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task LosingAPartition_WhileItsWorkIsOut_MakesTheLateCompletionStale()
    {
        ITaskHubPartitionedStore store = await OpenStoreAsync();
        var engine = new TaskHubEngine(store, FastOptions());
        await engine.StartAsync(TestHub.Timeout());
        try
        {
            WorkerConnection connection = engine.ConnectWorker();
            string id = await engine.CreateInstanceAsync(new StartInstanceRequest("Echo") { InstanceId = "lost-1" });
            OrchestratorWorkItem item = await connection.NextAsync<OrchestratorWorkItem>();
            int partition = TaskHubPartitions.Of(id, store.PartitionCount);

            // Another engine's claim, as after this one's lease ran out: the balancer sees it and drops the partition.
            ITaskHubPartitionedStore intruder = await OpenStoreAsync();
            PartitionTable table = await intruder.ReadPartitionTableAsync(CancellationToken.None);
            Assert.NotNull(await intruder.TryClaimAsync(table.Leases[partition], "intruder", DateTime.UtcNow.AddHours(1), CancellationToken.None));
            await EventuallyAsync(() => !engine.OwnedPartitions.Contains(partition), "the engine drops the partition");

            await Assert.ThrowsAsync<StaleCompletionTokenException>(() => engine.CompleteOrchestratorWorkItemAsync(
                item.CompletionToken, [new CompleteOrchestrationAction(1, OrchestrationStatus.Completed, Json.Of("late"))], null));
            InstanceRecord row = (await intruder.GetInstanceAsync(id, true, CancellationToken.None))!;
            Assert.Equal(OrchestrationStatus.Pending, row.Status);
        }
        finally
        {
            await engine.StopAsync(CancellationToken.None);
        }
    }

    private int _partitionCount;

    private int PartitionCountNow() => _partitionCount;

    private async Task<int> PartitionCountAsync()
    {
        if (_partitionCount == 0)
        {
            ITaskHubPartitionedStore store = await OpenStoreAsync();
            await store.InitializeAsync(CancellationToken.None);
            _partitionCount = store.PartitionCount;
        }

        return _partitionCount;
    }

    private protected async Task<SharedHubNode> StartNodeAsync(string name, TaskHubOptions options)
    {
        SharedHubNode node = await SharedHubNode.StartAsync(name, await OpenStoreAsync(), options, _runs);
        _nodes.Add(node);
        await PartitionCountAsync();
        return node;
    }

    /// <summary>Starts two engines and waits until they hold disjoint halves of the partitions that cover all of them.</summary>
    private async Task<(SharedHubNode A, SharedHubNode B)> StartSplitPairAsync(TaskHubOptions options)
    {
        SharedHubNode a = await StartNodeAsync("a", options);
        SharedHubNode b = await StartNodeAsync("b", options);
        int count = PartitionCountNow();
        await EventuallyAsync(
            () =>
            {
                IReadOnlyList<int> ownedByA = a.Engine.OwnedPartitions;
                IReadOnlyList<int> ownedByB = b.Engine.OwnedPartitions;
                return ownedByA.Count + ownedByB.Count == count && !ownedByA.Intersect(ownedByB).Any() &&
                    Math.Abs(ownedByA.Count - ownedByB.Count) <= 1;
            },
            "the two engines split the partitions");
        return (a, b);
    }

    /// <summary>An instance id in one of the partitions <paramref name="owner"/> holds.</summary>
    private async Task<string> IdInAsync(SharedHubNode owner, string prefix)
    {
        int count = await PartitionCountAsync();
        IReadOnlyList<int> owned = owner.Engine.OwnedPartitions;
        Assert.NotEmpty(owned);

        // Ids spread evenly over the partitions, so ten thousand candidates always reach an owned one.
        string? found = Enumerable.Range(0, 10_000).Select(i => $"{prefix}-{i}").FirstOrDefault(id => owned.Contains(TaskHubPartitions.Of(id, count)));
        Assert.True(found is not null, $"No id with the prefix '{prefix}' falls in the partitions {string.Join(", ", owned)}.");
        return found;
    }

    /// <summary>Starts "AwaitGo" instances in <paramref name="owner"/>'s partitions through it and waits until each runs.</summary>
    private async Task<string[]> StartWaitingInstancesAsync(SharedHubNode owner, string prefix, int count)
    {
        int partitions = await PartitionCountAsync();
        IReadOnlyList<int> owned = owner.Engine.OwnedPartitions;
        string[] ids = Enumerable.Range(0, 1000).Select(i => $"{prefix}-{i}").Where(id => owned.Contains(TaskHubPartitions.Of(id, partitions))).Take(count).ToArray();
        foreach (string id in ids)
        {
            await owner.Engine.CreateInstanceAsync(new StartInstanceRequest("AwaitGo") { InstanceId = id, Input = Json.Of(id) });
        }

        foreach (string id in ids)
        {
            await owner.Engine.WaitForInstanceStartAsync(id, cancellation: TestHub.Timeout());
        }

        Assert.All(ids, id => Assert.Contains(id, owner.RanInstances));
        return ids;
    }

    /// <summary>Raises "go" through <paramref name="node"/> for every instance and checks each completes with one run of its activity.</summary>
    private async Task FinishThroughAsync(SharedHubNode node, string[] ids)
    {
        foreach (string id in ids)
        {
            await node.Engine.RaiseEventAsync(id, "go", Json.Of("go"));
        }

        foreach (string id in ids)
        {
            InstanceSnapshot done = await node.Engine.WaitForInstanceCompletionAsync(id, includePayloads: true, TestHub.Timeout());
            Assert.Equal(OrchestrationStatus.Completed, done.RuntimeStatus);
            Assert.Equal(id + ":go:done", done.ReadOutputAs<string>());
            Assert.Equal(1, _runs[id + ":go"]);
            Assert.Contains(id, node.RanInstances);
        }
    }

    private protected static Task EventuallyAsync(Func<bool> condition, string what) => EventuallyAsync(() => Task.FromResult(condition()), what);

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(20);
        }
    }
}

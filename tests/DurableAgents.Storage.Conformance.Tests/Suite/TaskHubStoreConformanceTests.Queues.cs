using DurableAgents.History;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.Conformance.Tests.Suite;

public abstract partial class TaskHubStoreConformanceTests
{
    private static readonly TraceContext ActivityTrace = new("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "a=b");

    [Fact]
    public async Task LoadRecoveryStateAsync_InboxMessagesIncludingFutureTimers_ReturnsAllInMessageIdOrderWithVisibleTimes()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        InboxMessage timer = Rows.Message(7, "a", new TimerFiredEvent(-1, Rows.T0, 3, Rows.T0.AddHours(1)), Rows.T0.AddHours(1));
        InboxMessage raised = Rows.Message(3, "b");
        InboxMessage started = Rows.Message(5, "a", Rows.Started("a"));

        await Commit(harness, new CommitRequest { InboxInserts = [timer, raised] }, new CommitRequest { InboxInserts = [started] });
        RecoveryState state = await Recovery(harness);

        Assert.Equal([raised, started, timer], state.Inbox);
        Assert.Equal(DateTimeKind.Utc, state.Inbox[2].VisibleAt.Kind);
    }

    [Fact]
    public async Task CommitAsync_InboxDeletes_RemoveOnlyThoseMessagesAndIgnoreMissingOnes()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        await Commit(harness, new CommitRequest { InboxInserts = [Rows.Message(1, "a"), Rows.Message(2, "a"), Rows.Message(3, "b")] });

        await Commit(harness, new CommitRequest { InboxDeletes = [1, 3, 99] });

        Assert.Equal([2L], (await Recovery(harness)).Inbox.Select(m => m.MessageId));
    }

    [Fact]
    public async Task LoadRecoveryStateAsync_Activities_ReturnsEveryRowWithAllFieldsOldestFirst()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        ActivityTask tagged = Rows.Activity("a", 2) with { Version = "v2", Tags = new Dictionary<string, string> { ["x"] = "y" }, ParentTraceContext = ActivityTrace };
        ActivityTask older = Rows.Activity("b", 1);

        await Commit(harness, new CommitRequest { ActivityInserts = [tagged, older] });
        RecoveryState state = await Recovery(harness);

        Assert.Equal(2, state.Activities.Count);
        Assert.Equal(older, state.Activities[0]);
        Assert.Equal(tagged with { Tags = null }, state.Activities[1] with { Tags = null });
        Assert.Equal(tagged.Tags, state.Activities[1].Tags);
    }

    [Fact]
    public async Task CommitAsync_ActivityDeletes_RemoveByFullKeyOnly()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        await Commit(harness, new CommitRequest
        {
            ActivityInserts = [Rows.Activity("a", 1), Rows.Activity("a", 2), Rows.Activity("a", 1, executionId: "exec-2")],
        });

        await Commit(harness, new CommitRequest { ActivityDeletes = [new ActivityKey("a", "exec-1", 1), new ActivityKey("a", "exec-9", 2)] });

        Assert.Equal(
            [new ActivityKey("a", "exec-2", 1), new ActivityKey("a", "exec-1", 2)],
            (await Recovery(harness)).Activities.Select(a => a.Key));
    }

    [Fact]
    public async Task LoadRecoveryStateAsync_MixedStatuses_ReturnsOnlyNonTerminalInstancesWithPayloads()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        OrchestrationStatus[] statuses = Enum.GetValues<OrchestrationStatus>();
        await Commit(harness, new CommitRequest { InstanceUpserts = [.. statuses.Select(s => Rows.Instance(s.ToString(), s))] });

        RecoveryState state = await Recovery(harness);

        Assert.Equal(
            statuses.Where(s => !s.IsTerminal()).Select(s => s.ToString()).Order(StringComparer.Ordinal),
            state.ActiveInstances.Select(i => i.InstanceId).Order(StringComparer.Ordinal));
        Assert.All(state.ActiveInstances, i => Assert.NotNull(i.Input));
    }
}

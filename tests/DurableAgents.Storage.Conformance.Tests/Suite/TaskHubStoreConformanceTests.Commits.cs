using DurableAgents.History;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.Conformance.Tests.Suite;

public abstract partial class TaskHubStoreConformanceTests
{
    [Fact]
    public async Task CommitAsync_BatchWithOneFailingCondition_CommitsTheOthersAndNothingOfTheFailedOne()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        await Commit(harness, Rows.Start("taken", 1));

        // The failing request writes every kind of row and fails its second condition, after the first one held.
        var failing = new CommitRequest
        {
            Conditions = [InstanceCondition.Absent("fresh"), InstanceCondition.VersionEquals("taken", 99)],
            InstanceUpserts = [Rows.Instance("fresh"), Rows.Instance("taken", rowVersion: 2)],
            HistoryAppends = [new HistoryAppend("fresh", "exec-1", 0, [Rows.Started("fresh")])],
            InboxDeletes = [1],
            InboxInserts = [Rows.Message(20, "fresh")],
            ActivityInserts = [Rows.Activity("fresh", 1)],
        };
        IReadOnlyList<CommitOutcome> outcomes = await harness.Store.CommitAsync(
            [Rows.Start("x", 10), failing, Rows.Start("y", 11)], CancellationToken.None);

        Assert.Equal([true, false, true], outcomes.Select(o => o.Committed));
        Assert.Equal(InstanceCondition.VersionEquals("taken", 99), outcomes[1].FailedCondition);
        Assert.NotNull(await Get(harness, "x"));
        Assert.NotNull(await Get(harness, "y"));
        Assert.Null(await Get(harness, "fresh"));
        Assert.Equal(1, (await Get(harness, "taken"))!.RowVersion);
        Assert.Empty(await History(harness, "fresh"));
        RecoveryState state = await Recovery(harness);
        Assert.Equal([1L, 10L, 11L], state.Inbox.Select(m => m.MessageId));
        Assert.Empty(state.Activities);
    }

    [Fact]
    public async Task CommitAsync_LaterRequestInBatch_SeesTheWritesOfAnEarlierOne()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();

        IReadOnlyList<CommitOutcome> outcomes = await harness.Store.CommitAsync(
            [
                Rows.Start("a", 1),
                Rows.Start("a", 2),
                new CommitRequest
                {
                    Conditions = [InstanceCondition.VersionEquals("a", 1)],
                    InstanceUpserts = [Rows.Instance("a", rowVersion: 2, historyLength: 1)],
                    HistoryAppends = [new HistoryAppend("a", "exec-1", 0, [Rows.Started("a")])],
                    InboxDeletes = [1],
                },
            ],
            CancellationToken.None);

        Assert.Equal([true, false, true], outcomes.Select(o => o.Committed));
        InstanceRecord? row = await Get(harness, "a");
        Assert.Equal((OrchestrationStatus.Running, 2L, 1), (row!.Status, row.RowVersion, row.HistoryLength));
        Assert.Empty((await Recovery(harness)).Inbox);
    }

    [Fact]
    public async Task CommitAsync_EmptyBatch_ReturnsNoOutcomes()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();

        Assert.Empty(await harness.Store.CommitAsync([], CancellationToken.None));
    }

    [Fact]
    public async Task CommitAsync_Purge_RemovesTheInstanceHistoryInboxAndActivitiesOfThatInstanceOnly()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        foreach ((string id, long message) in new[] { ("gone", 1L), ("kept", 2L) })
        {
            await Commit(harness, new CommitRequest
            {
                InstanceUpserts = [Rows.Instance(id, OrchestrationStatus.Completed, historyLength: 2)],
                HistoryAppends = [new HistoryAppend(id, "exec-1", 0, [Rows.Started(id), Rows.Scheduled(1)])],
                InboxInserts = [Rows.Message(message, id), Rows.Message(message + 10, id)],
                ActivityInserts = [Rows.Activity(id, 1)],
            });
        }

        CommitOutcome outcome = await CommitOne(harness, new CommitRequest
        {
            Conditions = [InstanceCondition.NotActive("gone")],
            Purges = ["gone"],
        });

        Assert.True(outcome.Committed);
        Assert.Null(await Get(harness, "gone"));
        Assert.Empty(await History(harness, "gone"));
        Assert.Equal(2, (await History(harness, "kept")).Count);
        RecoveryState state = await Recovery(harness);
        Assert.Equal([2L, 12L], state.Inbox.Select(m => m.MessageId));
        Assert.Equal(["kept"], state.Activities.Select(a => a.InstanceId));
    }

    [Fact]
    public async Task CommitAsync_PurgeOfAnActiveInstance_FailsItsConditionAndDeletesNothing()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        await Commit(harness, new CommitRequest
        {
            InstanceUpserts = [Rows.Instance("busy", OrchestrationStatus.Running, historyLength: 1)],
            HistoryAppends = [new HistoryAppend("busy", "exec-1", 0, [Rows.Started("busy")])],
            InboxInserts = [Rows.Message(1, "busy")],
            ActivityInserts = [Rows.Activity("busy", 1)],
        });

        CommitOutcome outcome = await CommitOne(harness, new CommitRequest { Conditions = [InstanceCondition.NotActive("busy")], Purges = ["busy"] });

        Assert.Equal(InstanceCondition.NotActive("busy"), outcome.FailedCondition);
        Assert.NotNull(await Get(harness, "busy"));
        Assert.Single(await History(harness, "busy"));
        RecoveryState state = await Recovery(harness);
        Assert.Single(state.Inbox);
        Assert.Single(state.Activities);
    }

    [Fact]
    public async Task CommitAsync_EpisodeWrites_SurviveCloseAndReopen()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        HistoryEvent[] episode = [new OrchestratorStartedEvent(-1, Rows.T0), Rows.Started("a"), Rows.Scheduled(1), new OrchestratorCompletedEvent(-1, Rows.T0)];
        await Commit(harness, Rows.Start("a", 1));
        await Commit(harness, new CommitRequest
        {
            Conditions = [InstanceCondition.VersionEquals("a", 1)],
            InstanceUpserts = [Rows.Instance("a", rowVersion: 2, historyLength: episode.Length)],
            HistoryAppends = [new HistoryAppend("a", "exec-1", 0, episode)],
            InboxDeletes = [1],
            InboxInserts = [Rows.Message(2, "a", new TimerFiredEvent(-1, Rows.T0, 2, Rows.T0.AddDays(1)), Rows.T0.AddDays(1))],
            ActivityInserts = [Rows.Activity("a", 1)],
        });

        await harness.ReopenAsync();

        Assert.Equal(Rows.Instance("a", rowVersion: 2, historyLength: episode.Length), await Get(harness, "a", includePayloads: true));
        Assert.Equal(episode, await History(harness, "a"));
        RecoveryState state = await Recovery(harness);
        Assert.Equal([2L], state.Inbox.Select(m => m.MessageId));
        Assert.Equal(Rows.T0.AddDays(1), state.Inbox[0].VisibleAt);
        Assert.Equal([Rows.Activity("a", 1)], state.Activities);
    }

    [Fact]
    public async Task CommitAsync_ManyRequestsInOneBatch_AreAllDurable()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        CommitRequest[] batch = [.. Enumerable.Range(0, 120).Select(i => Rows.Start($"i-{i:D3}", i + 1))];

        IReadOnlyList<CommitOutcome> outcomes = await harness.Store.CommitAsync(batch, CancellationToken.None);
        await harness.ReopenAsync();

        Assert.All(outcomes, o => Assert.True(o.Committed));
        RecoveryState state = await Recovery(harness);
        Assert.Equal(120, state.ActiveInstances.Count);
        Assert.Equal(Enumerable.Range(1, 120).Select(i => (long)i), state.Inbox.Select(m => m.MessageId));
    }
}

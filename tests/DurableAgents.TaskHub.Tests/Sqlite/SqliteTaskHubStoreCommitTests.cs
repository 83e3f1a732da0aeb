using DurableAgents.History;
using DurableAgents.Storage.Sqlite;
using DurableAgents.TaskHub.Storage;
using Microsoft.Data.Sqlite;
using static DurableAgents.TaskHub.Tests.Sqlite.SqliteTaskHubStoreInstanceTests;

namespace DurableAgents.TaskHub.Tests.Sqlite;

public sealed class SqliteTaskHubStoreCommitTests
{
    [Fact]
    public async Task CommitAsync_BatchWithOneFailingCondition_CommitsTheOthersAndNothingOfTheFailedOne()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        await Commit(fixture, Rows.Start("taken", 1));

        // The failing request writes to every table and fails its second condition, after the first one held.
        var failing = new CommitRequest
        {
            Conditions = [InstanceCondition.Absent("fresh"), InstanceCondition.VersionEquals("taken", 99)],
            InstanceUpserts = [Rows.Instance("fresh"), Rows.Instance("taken", rowVersion: 2)],
            HistoryAppends = [new HistoryAppend("fresh", "exec-1", 0, [Rows.Started("fresh")])],
            InboxDeletes = [1],
            InboxInserts = [Rows.Message(20, "fresh")],
            ActivityInserts = [Rows.Activity("fresh", 1)],
        };
        IReadOnlyList<CommitOutcome> outcomes = await fixture.Store.CommitAsync(
            [Rows.Start("x", 10), failing, Rows.Start("y", 11)], CancellationToken.None);

        Assert.Equal([true, false, true], outcomes.Select(o => o.Committed));
        Assert.Equal(InstanceCondition.VersionEquals("taken", 99), outcomes[1].FailedCondition);
        Assert.NotNull(await fixture.Store.GetInstanceAsync("x", false, CancellationToken.None));
        Assert.NotNull(await fixture.Store.GetInstanceAsync("y", false, CancellationToken.None));
        Assert.Null(await fixture.Store.GetInstanceAsync("fresh", false, CancellationToken.None));
        Assert.Equal(1, (await fixture.Store.GetInstanceAsync("taken", false, CancellationToken.None))!.RowVersion);
        Assert.Empty(await fixture.Store.GetHistoryAsync("fresh", "exec-1", CancellationToken.None));
        RecoveryState state = await fixture.Store.LoadRecoveryStateAsync(CancellationToken.None);
        Assert.Equal([1L, 10L, 11L], state.Inbox.Select(m => m.MessageId));
        Assert.Empty(state.Activities);
    }

    [Fact]
    public async Task CommitAsync_LaterRequestInBatch_SeesTheWritesOfAnEarlierOne()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();

        IReadOnlyList<CommitOutcome> outcomes = await fixture.Store.CommitAsync(
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
        InstanceRecord? row = await fixture.Store.GetInstanceAsync("a", false, CancellationToken.None);
        Assert.Equal((OrchestrationStatus.Running, 2L, 1), (row!.Status, row.RowVersion, row.HistoryLength));
        Assert.Empty((await fixture.Store.LoadRecoveryStateAsync(CancellationToken.None)).Inbox);
    }

    [Fact]
    public async Task CommitAsync_WriteThatViolatesAKey_ThrowsAndCommitsNothingOfTheBatch()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        await Commit(fixture, new CommitRequest { InboxInserts = [Rows.Message(5, "a")] });

        await Assert.ThrowsAsync<SqliteException>(() => fixture.Store.CommitAsync(
            [Rows.Start("b", 6), new CommitRequest { InboxInserts = [Rows.Message(5, "a")] }],
            CancellationToken.None));

        Assert.Null(await fixture.Store.GetInstanceAsync("b", false, CancellationToken.None));
        Assert.Equal(1, fixture.CountRows("SELECT COUNT(*) FROM inbox"));

        // The writer is usable again after the failed batch.
        await Commit(fixture, Rows.Start("b", 6));
        Assert.NotNull(await fixture.Store.GetInstanceAsync("b", false, CancellationToken.None));
    }

    [Fact]
    public async Task CommitAsync_EmptyBatch_ReturnsNoOutcomes()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();

        Assert.Empty(await fixture.Store.CommitAsync([], CancellationToken.None));
    }

    [Fact]
    public async Task CommitAsync_Purge_RemovesTheInstanceHistoryInboxAndActivitiesOfThatInstanceOnly()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        foreach ((string id, long message) in new[] { ("gone", 1L), ("kept", 2L) })
        {
            await Commit(fixture, new CommitRequest
            {
                InstanceUpserts = [Rows.Instance(id, OrchestrationStatus.Completed, historyLength: 2)],
                HistoryAppends = [new HistoryAppend(id, "exec-1", 0, [Rows.Started(id), Rows.Scheduled(1)])],
                InboxInserts = [Rows.Message(message, id), Rows.Message(message + 10, id)],
                ActivityInserts = [Rows.Activity(id, 1)],
            });
        }

        CommitOutcome outcome = await CommitOne(fixture, new CommitRequest
        {
            Conditions = [InstanceCondition.NotActive("gone")],
            Purges = ["gone"],
        });

        Assert.True(outcome.Committed);
        Assert.Null(await fixture.Store.GetInstanceAsync("gone", false, CancellationToken.None));
        Assert.Equal(0, fixture.CountRows("SELECT COUNT(*) FROM history WHERE instance_id = 'gone'"));
        Assert.Equal(0, fixture.CountRows("SELECT COUNT(*) FROM inbox WHERE instance_id = 'gone'"));
        Assert.Equal(0, fixture.CountRows("SELECT COUNT(*) FROM activities WHERE instance_id = 'gone'"));
        Assert.Equal(2, (await fixture.Store.GetHistoryAsync("kept", "exec-1", CancellationToken.None)).Count);
        Assert.Equal(2, fixture.CountRows("SELECT COUNT(*) FROM inbox WHERE instance_id = 'kept'"));
        Assert.Equal(1, fixture.CountRows("SELECT COUNT(*) FROM activities WHERE instance_id = 'kept'"));
    }

    [Fact]
    public async Task CommitAsync_EpisodeWrites_SurviveCloseAndReopen()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        HistoryEvent[] episode = [new OrchestratorStartedEvent(-1, Rows.T0), Rows.Started("a"), Rows.Scheduled(1), new OrchestratorCompletedEvent(-1, Rows.T0)];
        await Commit(fixture, Rows.Start("a", 1));
        await Commit(fixture, new CommitRequest
        {
            Conditions = [InstanceCondition.VersionEquals("a", 1)],
            InstanceUpserts = [Rows.Instance("a", rowVersion: 2, historyLength: episode.Length)],
            HistoryAppends = [new HistoryAppend("a", "exec-1", 0, episode)],
            InboxDeletes = [1],
            InboxInserts = [Rows.Message(2, "a", new TimerFiredEvent(-1, Rows.T0, 2, Rows.T0.AddDays(1)), Rows.T0.AddDays(1))],
            ActivityInserts = [Rows.Activity("a", 1)],
        });

        await fixture.ReopenAsync();

        InstanceRecord? row = await fixture.Store.GetInstanceAsync("a", true, CancellationToken.None);
        Assert.Equal(Rows.Instance("a", rowVersion: 2, historyLength: episode.Length), row);
        Assert.Equal(episode, await fixture.Store.GetHistoryAsync("a", "exec-1", CancellationToken.None));
        RecoveryState state = await fixture.Store.LoadRecoveryStateAsync(CancellationToken.None);
        Assert.Equal([2L], state.Inbox.Select(m => m.MessageId));
        Assert.Equal(Rows.T0.AddDays(1), state.Inbox[0].VisibleAt);
        Assert.Equal([Rows.Activity("a", 1)], state.Activities);
    }

    [Fact]
    public async Task DisposeAsync_AfterReadsAndWrites_CheckpointsAndRemovesTheWriteAheadLog()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        await Commit(fixture, Rows.Start("a", 1));
        Assert.NotNull(await fixture.Store.GetInstanceAsync("a", false, CancellationToken.None));
        Assert.True(File.Exists(fixture.DatabasePath + "-wal"));

        await fixture.Store.DisposeAsync();

        Assert.False(File.Exists(fixture.DatabasePath + "-wal"));
        await fixture.ReopenAsync();
        Assert.NotNull(await fixture.Store.GetInstanceAsync("a", false, CancellationToken.None));
    }

    [Fact]
    public async Task CommitAsync_ManyRequestsInOneBatch_AreAllDurable()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        CommitRequest[] batch = [.. Enumerable.Range(0, 500).Select(i => Rows.Start($"i-{i:D3}", i + 1))];

        IReadOnlyList<CommitOutcome> outcomes = await fixture.Store.CommitAsync(batch, CancellationToken.None);
        await fixture.ReopenAsync();

        Assert.All(outcomes, o => Assert.True(o.Committed));
        Assert.Equal(500, (await fixture.Store.LoadRecoveryStateAsync(CancellationToken.None)).ActiveInstances.Count);
    }

    [Fact]
    public async Task Members_BeforeInitialize_ThrowInvalidOperationSayingWhatToCall()
    {
        using var directory = new TempDirectory();
        await using var store = new SqliteTaskHubStore(new SqliteTaskHubStoreOptions { DataSource = directory.File("x.db") });

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => store.CommitAsync([Rows.Start("a", 1)], CancellationToken.None));

        Assert.Contains("InitializeAsync", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_AfterDispose_ThrowSayingTheStoreIsDisposed()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        await fixture.Store.DisposeAsync();
        SqliteTaskHubStore store = await fixture.OpenAsync();
        await store.DisposeAsync();

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => store.GetInstanceAsync("a", false, CancellationToken.None));

        Assert.Contains("disposed", error.Message, StringComparison.Ordinal);
    }
}

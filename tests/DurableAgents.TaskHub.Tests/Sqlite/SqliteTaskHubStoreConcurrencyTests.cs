using DurableAgents.History;
using DurableAgents.TaskHub.Storage;
using Microsoft.Data.Sqlite;
using static DurableAgents.TaskHub.Tests.Sqlite.StoreCommits;

namespace DurableAgents.TaskHub.Tests.Sqlite;

public sealed class SqliteTaskHubStoreConcurrencyTests
{
    [Fact]
    public async Task Reads_WhileAnotherConnectionHoldsAnOpenWriteTransaction_ReturnTheLastCommittedState()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        await Commit(fixture, new CommitRequest { InstanceUpserts = [Rows.Instance("a", rowVersion: 1)] });

        using SqliteConnection other = fixture.OpenRawConnection();
        using SqliteTransaction open = other.BeginTransaction(deferred: false);
        using (SqliteCommand update = other.CreateCommand())
        {
            update.Transaction = open;
            update.CommandText = "UPDATE instances SET row_version = 99 WHERE instance_id = 'a';";
            update.ExecuteNonQuery();
        }

        // With a rollback journal these reads could not proceed; WAL readers see the committed snapshot.
        InstanceRecord? row = await fixture.Store.GetInstanceAsync("a", false, CancellationToken.None);
        InstancePage page = await fixture.Store.QueryInstancesAsync(new InstanceQuery(), CancellationToken.None);

        Assert.Equal(1, row!.RowVersion);
        Assert.Equal(1, Assert.Single(page.Instances).RowVersion);
        open.Rollback();
    }

    [Fact]
    public async Task Reads_OnAReusedReadConnection_SeeCommitsMadeAfterAnEarlierRead()
    {
        // One read connection, so every read reuses it and its prepared statements: a statement left un-reset
        // after a one-row read would pin the old snapshot and hide the later commit from every other statement.
        await using StoreFixture fixture = await StoreFixture.CreateAsync(o => o.MaxReadConnections = 1);
        await Commit(fixture, new CommitRequest { InstanceUpserts = [Rows.Instance("a", rowVersion: 1), Rows.Instance("b", rowVersion: 1)] });
        Assert.Equal(1, (await fixture.Store.GetInstanceAsync("a", false, CancellationToken.None))!.RowVersion);
        Assert.Single((await fixture.Store.QueryInstancesAsync(new InstanceQuery { PageSize = 1 }, CancellationToken.None)).Instances);

        await Commit(fixture, new CommitRequest
        {
            InstanceUpserts = [Rows.Instance("a", rowVersion: 2), Rows.Instance("b", rowVersion: 2)],
            HistoryAppends = [new HistoryAppend("a", "exec-1", 0, [Rows.Started("a")])],
        });

        Assert.Single(await fixture.Store.GetHistoryAsync("a", "exec-1", CancellationToken.None));
        Assert.Equal(2, (await fixture.Store.GetInstanceAsync("b", false, CancellationToken.None))!.RowVersion);
        Assert.Equal([2L, 2L], (await fixture.Store.QueryInstancesAsync(new InstanceQuery(), CancellationToken.None)).Instances.Select(i => i.RowVersion));
        Assert.Equal(2, (await fixture.Store.GetInstanceAsync("a", false, CancellationToken.None))!.RowVersion);
    }

    [Fact]
    public async Task Reads_DuringACommitLoop_AlwaysSeeWholeCommittedEpisodes()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        const int Episodes = 150;
        const int EventsPerEpisode = 3;
        await Commit(fixture, new CommitRequest { InstanceUpserts = [Rows.Instance("a")] });

        Task writer = Task.Run(async () =>
        {
            for (int episode = 0; episode < Episodes; episode++)
            {
                int first = episode * EventsPerEpisode;
                await Commit(fixture, new CommitRequest
                {
                    Conditions = [InstanceCondition.VersionEquals("a", episode + 1)],
                    InstanceUpserts = [Rows.Instance("a", rowVersion: episode + 2, historyLength: first + EventsPerEpisode)],
                    HistoryAppends = [new HistoryAppend("a", "exec-1", first, [Rows.Scheduled(first + 1), Rows.Scheduled(first + 2), Rows.Scheduled(first + 3)])],
                });
            }
        });

        async Task<List<int>> ReadUntilDone()
        {
            var lengths = new List<int>();
            while (true)
            {
                bool done = writer.IsCompleted;
                IReadOnlyList<HistoryEvent> history = await fixture.Store.GetHistoryAsync("a", "exec-1", CancellationToken.None);
                InstanceRecord? row = await fixture.Store.GetInstanceAsync("a", false, CancellationToken.None);
                Assert.Equal(0, history.Count % EventsPerEpisode);
                Assert.Equal(Enumerable.Range(1, history.Count), history.Select(e => e.EventId));
                Assert.Equal(0, row!.HistoryLength % EventsPerEpisode);
                lengths.Add(history.Count);
                if (done)
                {
                    return lengths;
                }
            }
        }

        List<int>[] readers = await Task.WhenAll(Task.Run(ReadUntilDone), Task.Run(ReadUntilDone), Task.Run(ReadUntilDone));
        await writer;

        foreach (List<int> lengths in readers)
        {
            Assert.Equal(lengths.Order(), lengths);
            Assert.Equal(Episodes * EventsPerEpisode, lengths[^1]);
        }
    }
}

using DurableAgents.History;
using DurableAgents.TaskHub.Storage;
using static DurableAgents.TaskHub.Tests.Sqlite.StoreCommits;

namespace DurableAgents.TaskHub.Tests.Sqlite;

/// <summary>How SQLite keeps history rows; the history contract of every store is in tests/DurableAgents.Storage.Conformance.Tests.</summary>
public sealed class SqliteTaskHubStoreHistoryTests
{
    [Fact]
    public async Task GetHistoryAsync_StoredEvent_IsTheHistoryJsonForm()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        TaskScheduledEvent scheduled = Rows.Scheduled(3) with { Tags = new Dictionary<string, string> { ["k"] = "v" } };
        await Commit(fixture, new CommitRequest { HistoryAppends = [new HistoryAppend("a", "exec-1", 0, [scheduled])] });

        using Microsoft.Data.Sqlite.SqliteConnection connection = fixture.OpenRawConnection();
        using Microsoft.Data.Sqlite.SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT event FROM history";
        string stored = (string)command.ExecuteScalar()!;

        Assert.Equal(HistoryJson.Serialize(scheduled), stored);
        var read = (TaskScheduledEvent)Assert.Single(await fixture.Store.GetHistoryAsync("a", "exec-1", CancellationToken.None));
        Assert.Equal(scheduled.Tags, read.Tags);
    }
}

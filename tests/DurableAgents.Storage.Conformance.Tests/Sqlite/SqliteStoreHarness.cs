using DurableAgents.Storage.Conformance.Tests.Suite;
using DurableAgents.Storage.Sqlite;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.Conformance.Tests.Sqlite;

/// <summary>A SQLite store over a real file in its own temp directory.</summary>
internal sealed class SqliteStoreHarness : IStoreHarness
{
    private readonly TempDirectory _directory = new("sqlite-conformance");
    private SqliteTaskHubStore _store = null!;

    public ITaskHubStore Store => _store;

    public static async Task<SqliteStoreHarness> CreateAsync()
    {
        var harness = new SqliteStoreHarness();
        harness._store = await harness.OpenAsync();
        return harness;
    }

    public async Task ReopenAsync()
    {
        await _store.DisposeAsync();
        _store = await OpenAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        _directory.Dispose();
    }

    private async Task<SqliteTaskHubStore> OpenAsync()
    {
        var store = new SqliteTaskHubStore(new SqliteTaskHubStoreOptions { DataSource = _directory.File("taskhub.db") });
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }
}

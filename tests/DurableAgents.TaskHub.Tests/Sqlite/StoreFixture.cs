using DurableAgents.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace DurableAgents.TaskHub.Tests.Sqlite;

/// <summary>A SQLite task hub store over a file in its own temp directory.</summary>
internal sealed class StoreFixture : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();

    private StoreFixture()
    {
        DatabasePath = _directory.File("taskhub.db");
    }

    public string DatabasePath { get; }

    public SqliteTaskHubStore Store { get; private set; } = null!;

    public static async Task<StoreFixture> CreateAsync(Action<SqliteTaskHubStoreOptions>? configure = null)
    {
        var fixture = new StoreFixture();
        fixture.Store = await fixture.OpenAsync(configure);
        return fixture;
    }

    public SqliteTaskHubStoreOptions Options(Action<SqliteTaskHubStoreOptions>? configure = null)
    {
        var options = new SqliteTaskHubStoreOptions { DataSource = DatabasePath };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Opens another store over the same file (the caller disposes it).</summary>
    public async Task<SqliteTaskHubStore> OpenAsync(Action<SqliteTaskHubStoreOptions>? configure = null)
    {
        var store = new SqliteTaskHubStore(Options(configure));
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    /// <summary>Closes the current store and opens a new one over the same file.</summary>
    public async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = await OpenAsync();
    }

    /// <summary>A plain connection to the file, outside the store, for inspecting or tampering with it.</summary>
    public SqliteConnection OpenRawConnection()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public long CountRows(string sqlCountQuery)
    {
        using SqliteConnection connection = OpenRawConnection();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sqlCountQuery;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _directory.Dispose();
    }
}

using DurableAgents.Storage.Sqlite;
using DurableAgents.TaskHub.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DurableAgents.TaskHub.Tests.Sqlite;

public sealed class SqliteTaskHubStoreServiceCollectionTests
{
    [Fact]
    public async Task AddSqliteTaskHubStore_Configuration_BindsTheTaskHubSqliteSection()
    {
        using var directory = new TempDirectory();
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TaskHub:Sqlite:DataSource"] = directory.File("bound.db"),
            ["TaskHub:Sqlite:Synchronous"] = "Normal",
            ["TaskHub:Sqlite:CacheSizeKiB"] = "2048",
            ["TaskHub:Sqlite:BusyTimeout"] = "00:00:05",
            ["TaskHub:Sqlite:MaxReadConnections"] = "2",
            ["TaskHub:Sqlite:WalAutoCheckpointPages"] = "500",
            ["TaskHub:Sqlite:MemoryMapSizeBytes"] = "1048576",
        }).Build();

        await using ServiceProvider provider = new ServiceCollection().AddSqliteTaskHubStore(configuration).BuildServiceProvider();
        SqliteTaskHubStoreOptions options = provider.GetRequiredService<IOptions<SqliteTaskHubStoreOptions>>().Value;
        ITaskHubStore store = provider.GetRequiredService<ITaskHubStore>();
        await store.InitializeAsync(CancellationToken.None);

        Assert.Equal(
            (SqliteSynchronousMode.Normal, 2048, TimeSpan.FromSeconds(5), 2, 500, 1048576L),
            (options.Synchronous, options.CacheSizeKiB, options.BusyTimeout, options.MaxReadConnections, options.WalAutoCheckpointPages, options.MemoryMapSizeBytes));
        Assert.Same(provider.GetRequiredService<SqliteTaskHubStore>(), store);
        Assert.Equal(directory.File("bound.db"), ((SqliteTaskHubStore)store).DataSource);
        Assert.True(File.Exists(directory.File("bound.db")));
    }

    [Fact]
    public async Task AddSqliteTaskHubStore_Action_ConfiguresTheStore()
    {
        using var directory = new TempDirectory();

        await using ServiceProvider provider = new ServiceCollection()
            .AddSqliteTaskHubStore(o => o.DataSource = directory.File("code.db"))
            .BuildServiceProvider();

        var store = (SqliteTaskHubStore)provider.GetRequiredService<ITaskHubStore>();
        Assert.Equal(directory.File("code.db"), store.DataSource);
        Assert.Equal(SqliteSynchronousMode.Full, provider.GetRequiredService<IOptions<SqliteTaskHubStoreOptions>>().Value.Synchronous);
    }

    [Fact]
    public async Task AddSqliteTaskHubStore_OutOfRangeOption_FailsValidationNamingTheOption()
    {
        await using ServiceProvider provider = new ServiceCollection()
            .AddSqliteTaskHubStore(o => o.MaxReadConnections = 0)
            .BuildServiceProvider();

        OptionsValidationException error = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IOptions<SqliteTaskHubStoreOptions>>().Value);

        Assert.Contains(nameof(SqliteTaskHubStoreOptions.MaxReadConnections), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_OutOfRangeOption_ThrowsValidationExceptionNamingTheOption()
    {
        System.ComponentModel.DataAnnotations.ValidationException error = Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(
            () => new SqliteTaskHubStore(new SqliteTaskHubStoreOptions { DataSource = "x.db", CacheSizeKiB = 1 }));

        Assert.Contains(nameof(SqliteTaskHubStoreOptions.CacheSizeKiB), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(":memory:")]
    [InlineData("file:hub?mode=memory&cache=shared")]
    public void Constructor_InMemoryDataSource_ThrowsValidationExceptionAskingForAFile(string dataSource)
    {
        System.ComponentModel.DataAnnotations.ValidationException error = Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(
            () => new SqliteTaskHubStore(new SqliteTaskHubStoreOptions { DataSource = dataSource }));

        Assert.Contains("file path", error.Message, StringComparison.Ordinal);
    }
}

using DurableAgents.TaskHub.Storage;

namespace DurableAgents.TaskHub.Tests.Engine.Shared;

/// <summary>The shared-store engine tests on <see cref="SharedSqliteStore"/> (leases in memory, rows in one SQLite file).</summary>
#pragma warning disable CA1001 // The store is disposed by xunit's IAsyncLifetime.DisposeAsync, the test class's lifetime hook.
public sealed class SharedSqliteStoreEngineTests : SharedStoreEngineTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "da-shared-tests", Guid.NewGuid().ToString("N"));
    private SharedSqliteStore _shared = null!;

    public override Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _shared = new SharedSqliteStore(Path.Combine(_directory, "hub.db"), partitionCount: 8);
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _shared.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Temp is cleaned eventually.
        }
    }

    private protected override Task<ITaskHubPartitionedStore> OpenStoreAsync() => Task.FromResult(_shared.View());
}
#pragma warning restore CA1001

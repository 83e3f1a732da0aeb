using DurableAgents.History;
using DurableAgents.TaskHub.Storage;
using DurableAgents.TaskHub.Tests.Engine.Infrastructure;

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

    [Fact]
    public async Task MessageTheLoadFoundGone_ListedAgainByLaggingInboxPolls_IsNeverDelivered()
    {
        SharedHubNode first = await StartNodeAsync("first", FastOptions());
        const string id = "lagging-go";
        await first.Engine.CreateInstanceAsync(new StartInstanceRequest("AwaitGo") { InstanceId = id, Input = Json.Of(id) });
        await first.Engine.WaitForInstanceStartAsync(id, cancellation: TestHub.Timeout());
        await first.StopAsync();

        // A "go" the previous owner consumed that the index still lists: delivered, it would complete the instance with "stale".
        _shared.LaggingInbox = [new InboxMessage(1_000_000_000, id, new EventRaisedEvent(-1, DateTime.UtcNow, "go", Json.Of("stale")), DateTime.UtcNow)];
        SharedHubNode second = await StartNodeAsync("second", FastOptions());
        int listedAtStart = _shared.LaggingListings;
        await EventuallyAsync(() => _shared.LaggingListings >= listedAtStart + 3, "three inbox polls of the new owner listed the gone message");
        await second.Engine.RaiseEventAsync(id, "go", Json.Of("real"));
        InstanceSnapshot done = await second.Engine.WaitForInstanceCompletionAsync(id, includePayloads: true, TestHub.Timeout());

        Assert.Equal(id + ":real:done", done.ReadOutputAs<string>());
    }
}
#pragma warning restore CA1001

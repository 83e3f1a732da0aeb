using Amazon.DynamoDBv2;
using DurableAgents.Storage.DynamoDb;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.TaskHub.Tests.Engine.Shared;

/// <summary>The shared-store engine tests on one DynamoDB table (DynamoDB Local): each engine has its own store object and client view, as separate sidecars do.</summary>
#pragma warning disable CA1001 // The client is disposed by xunit's IAsyncLifetime.DisposeAsync, the test class's lifetime hook.
public sealed class DynamoDbSharedEngineTests(DynamoDbLocalFixture local) : SharedStoreEngineTests, IClassFixture<DynamoDbLocalFixture>
#pragma warning restore CA1001
{
    private readonly DynamoDbTaskHubStoreOptions _options = new() { TablePrefix = $"t{Guid.NewGuid():N}-", PartitionCount = 8 };
    private readonly List<DynamoDbTaskHubStore> _stores = [];
    private AmazonDynamoDBClient _client = null!;

    public override Task InitializeAsync()
    {
        _client = local.CreateClient();
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (DynamoDbTaskHubStore store in _stores)
        {
            await store.DisposeAsync();
        }

        try
        {
            await _client.DeleteTableAsync(_options.TableName);
        }
        finally
        {
            _client.Dispose();
        }
    }

    private protected override async Task<ITaskHubPartitionedStore> OpenStoreAsync()
    {
        var store = new DynamoDbTaskHubStore(_options, _client);
        _stores.Add(store);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }
}

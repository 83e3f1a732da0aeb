using Amazon.DynamoDBv2;
using DurableAgents.Storage.Conformance.Tests.Suite;
using DurableAgents.Storage.DynamoDb;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.Conformance.Tests.DynamoDb;

/// <summary>A DynamoDB store on DynamoDB Local over a table of its own.</summary>
internal sealed class DynamoDbStoreHarness : IStoreHarness
{
    private readonly AmazonDynamoDBClient _client;
    private readonly DynamoDbTaskHubStoreOptions _options;
    private DynamoDbTaskHubStore _store = null!;

    private DynamoDbStoreHarness(DynamoDbLocalFixture local, int? partitionCount)
    {
        _client = local.CreateClient();
        _options = new DynamoDbTaskHubStoreOptions { TablePrefix = $"t{Guid.NewGuid():N}-", PartitionCount = partitionCount };
    }

    public ITaskHubStore Store => _store;

    public DynamoDbTaskHubStore DynamoStore => _store;

    public IAmazonDynamoDB Client => _client;

    public string TableName => _options.TableName;

    /// <summary>A store over a new table; <paramref name="partitionCount"/> unset gives the default count.</summary>
    public static async Task<DynamoDbStoreHarness> CreateAsync(DynamoDbLocalFixture local, int? partitionCount = null)
    {
        var harness = new DynamoDbStoreHarness(local, partitionCount);
        harness._store = await harness.OpenAsync();
        return harness;
    }

    /// <summary>A second store (another engine) over the same table; the caller disposes it.</summary>
    public async Task<DynamoDbTaskHubStore> OpenAnotherAsync(int? partitionCount = null)
    {
        var store = new DynamoDbTaskHubStore(new DynamoDbTaskHubStoreOptions { TablePrefix = _options.TablePrefix, PartitionCount = partitionCount }, _client);
        try
        {
            await store.InitializeAsync(CancellationToken.None);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }

        return store;
    }

    /// <summary>Claims the partition of <paramref name="instanceId"/> for <paramref name="owner"/> until <paramref name="expiresAt"/>.</summary>
    public async Task<PartitionLease> ClaimPartitionOfAsync(string instanceId, string owner, DateTime expiresAt)
    {
        int partition = TaskHubPartitions.Of(instanceId, _store.PartitionCount);
        PartitionLease current = (await _store.ReadPartitionTableAsync(CancellationToken.None)).Leases[partition];
        return (await _store.TryClaimAsync(current, owner, expiresAt, CancellationToken.None))!;
    }

    public async Task ReopenAsync()
    {
        await _store.DisposeAsync();
        _store = await OpenAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        try
        {
            await _client.DeleteTableAsync(TableName);
        }
        finally
        {
            _client.Dispose();
        }
    }

    private async Task<DynamoDbTaskHubStore> OpenAsync()
    {
        var store = new DynamoDbTaskHubStore(_options, _client);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }
}

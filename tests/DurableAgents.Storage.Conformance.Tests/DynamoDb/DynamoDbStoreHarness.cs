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

    private DynamoDbStoreHarness(DynamoDbLocalFixture local)
    {
        _client = local.CreateClient();
        _options = new DynamoDbTaskHubStoreOptions { TablePrefix = $"t{Guid.NewGuid():N}-" };
    }

    public ITaskHubStore Store => _store;

    public DynamoDbTaskHubStore DynamoStore => _store;

    public IAmazonDynamoDB Client => _client;

    public string TableName => _options.TableName;

    public static async Task<DynamoDbStoreHarness> CreateAsync(DynamoDbLocalFixture local)
    {
        var harness = new DynamoDbStoreHarness(local);
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

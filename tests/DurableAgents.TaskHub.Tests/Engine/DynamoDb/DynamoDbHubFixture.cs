using Amazon.DynamoDBv2;
using Amazon.Runtime;
using DurableAgents.Storage.DynamoDb;
using DurableAgents.TaskHub.Storage;
using DurableAgents.TestSupport;

namespace DurableAgents.TaskHub.Tests.Engine.DynamoDb;

/// <summary>One DynamoDB Local process for a test class; each hub gets a table of its own.</summary>
public sealed class DynamoDbHubFixture : IAsyncLifetime
{
    private readonly List<AmazonDynamoDBClient> _clients = [];
    private DynamoDbLocal? _local;

    public async Task InitializeAsync() => _local = await DynamoDbLocal.StartAsync();

    /// <summary>A factory for <see cref="Infrastructure.TestHub.StartAsync"/>: the DynamoDB store on a fresh table (the same table after a restart).</summary>
    public Func<ITaskHubStore> NewStore()
    {
        Uri serviceUrl = (_local ?? throw new InvalidOperationException("DynamoDB Local is not running.")).ServiceUrl;
        var options = new DynamoDbTaskHubStoreOptions { TablePrefix = $"t{Guid.NewGuid():N}-" };

        // DynamoDB Local accepts any credentials, so the tests sign with fixed ones.
        var client = new AmazonDynamoDBClient(
            new BasicAWSCredentials("test", "test"),
            new AmazonDynamoDBConfig { ServiceURL = serviceUrl.ToString(), AuthenticationRegion = "us-east-1" });
        lock (_clients)
        {
            _clients.Add(client);
        }

        return () => new DynamoDbTaskHubStore(options, client);
    }

    public async Task DisposeAsync()
    {
        foreach (AmazonDynamoDBClient client in _clients)
        {
            client.Dispose();
        }

        if (_local is not null)
        {
            await _local.DisposeAsync();
        }
    }
}

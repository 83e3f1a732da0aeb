using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace DurableAgents.Storage.Conformance.Tests.DynamoDb;

/// <summary>One DynamoDB Local process for the test class; each test uses its own table (a fresh prefix).</summary>
public sealed class DynamoDbLocalFixture : IAsyncLifetime
{
    private DynamoDbLocal? _local;

    public Uri ServiceUrl => (_local ?? throw new InvalidOperationException("DynamoDB Local is not running.")).ServiceUrl;

    /// <summary>A client for DynamoDB Local; it accepts any credentials, so the tests sign with fixed ones.</summary>
    public AmazonDynamoDBClient CreateClient() => new(
        new BasicAWSCredentials("test", "test"),
        new AmazonDynamoDBConfig { ServiceURL = ServiceUrl.ToString(), AuthenticationRegion = "us-east-1" });

    public async Task InitializeAsync() => _local = await DynamoDbLocal.StartAsync();

    public async Task DisposeAsync()
    {
        if (_local is not null)
        {
            await _local.DisposeAsync();
        }
    }
}

using Amazon.DynamoDBv2;
using Amazon.Runtime;
using DurableAgents.TestSupport;

namespace DurableAgents.TaskHub.Tests.Engine.Shared;

/// <summary>One DynamoDB Local process for the test class; each test uses a table of its own.</summary>
public sealed class DynamoDbLocalFixture : IAsyncLifetime
{
    private DynamoDbLocal? _local;

    /// <summary>A client for DynamoDB Local, which accepts any credentials.</summary>
    public AmazonDynamoDBClient CreateClient() => new(
        new BasicAWSCredentials("test", "test"),
        new AmazonDynamoDBConfig
        {
            ServiceURL = (_local ?? throw new InvalidOperationException("DynamoDB Local is not running.")).ServiceUrl.ToString(),
            AuthenticationRegion = "us-east-1",
        });

    public async Task InitializeAsync() => _local = await DynamoDbLocal.StartAsync();

    public async Task DisposeAsync()
    {
        if (_local is not null)
        {
            await _local.DisposeAsync();
        }
    }
}

using DurableAgents.Storage.Conformance.Tests.Suite;

namespace DurableAgents.Storage.Conformance.Tests.DynamoDb;

/// <summary>The store contract on the DynamoDB store, against DynamoDB Local.</summary>
public sealed class DynamoDbStoreConformanceTests(DynamoDbLocalFixture local) : TaskHubStoreConformanceTests, IClassFixture<DynamoDbLocalFixture>
{
    protected override async Task<IStoreHarness> CreateHarnessAsync() => await DynamoDbStoreHarness.CreateAsync(local);
}

using DurableAgents.Storage.Conformance.Tests.Suite;

namespace DurableAgents.Storage.Conformance.Tests.Sqlite;

/// <summary>The store contract on the embedded SQLite store (a real file).</summary>
public sealed class SqliteStoreConformanceTests : TaskHubStoreConformanceTests
{
    protected override async Task<IStoreHarness> CreateHarnessAsync() => await SqliteStoreHarness.CreateAsync();
}

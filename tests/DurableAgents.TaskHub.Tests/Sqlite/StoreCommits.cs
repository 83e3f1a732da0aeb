using DurableAgents.TaskHub.Storage;

namespace DurableAgents.TaskHub.Tests.Sqlite;

/// <summary>Commits requests to a fixture's store and checks their outcomes.</summary>
internal static class StoreCommits
{
    public static async Task Commit(StoreFixture fixture, params CommitRequest[] requests)
    {
        IReadOnlyList<CommitOutcome> outcomes = await fixture.Store.CommitAsync(requests, CancellationToken.None);
        Assert.All(outcomes, o => Assert.True(o.Committed));
    }

    public static async Task<CommitOutcome> CommitOne(StoreFixture fixture, CommitRequest request) =>
        Assert.Single(await fixture.Store.CommitAsync([request], CancellationToken.None));
}

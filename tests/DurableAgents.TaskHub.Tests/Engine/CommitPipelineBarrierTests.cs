using DurableAgents.Storage.Sqlite;
using DurableAgents.TaskHub.Internal;
using DurableAgents.TaskHub.Storage;
using DurableAgents.TaskHub.Tests.Engine.Infrastructure;
using DurableAgents.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableAgents.TaskHub.Tests.Engine;

/// <summary>The commit pipeline's barrier, which a partition handover waits on before its delay starts.</summary>
public sealed class CommitPipelineBarrierTests
{
    [Fact]
    public async Task WhenSubmittedAppliedAsync_CompletesOnlyAfterEveryEarlierCommitIsApplied()
    {
        using var directory = new TempDirectory("pipeline");
        await using var store = new CountingStore(new SqliteTaskHubStore(new SqliteTaskHubStoreOptions { DataSource = directory.File("hub.db") }));
        await store.InitializeAsync(CancellationToken.None);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.HoldNextCommit = release.Task;
        var pipeline = new CommitPipeline(store, new object(), maxBatch: 16, afterBatch: () => { }, NullLogger.Instance);
        pipeline.Start();
        bool applied = false;

        Task<CommitOutcome> earlier = pipeline.SubmitAsync(new CommitRequest(), _ => applied = true);
        await store.CommitHeld.Task.WaitAsync(TestHub.Timeout());
        Task barrier = pipeline.WhenSubmittedAppliedAsync();

        Assert.False(barrier.IsCompleted);
        release.SetResult();
        await barrier.WaitAsync(TestHub.Timeout());
        Assert.True(earlier.IsCompletedSuccessfully);
        Assert.True(applied);

        await pipeline.StopAsync();
        Assert.True(pipeline.WhenSubmittedAppliedAsync().IsCompleted);
    }
}

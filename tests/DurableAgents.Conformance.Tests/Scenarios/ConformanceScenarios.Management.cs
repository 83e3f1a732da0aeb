using DurableAgents.Conformance.Tests.Infrastructure;
using Kind = Microsoft.DurableTask.Protobuf.HistoryEvent.EventTypeOneofCase;

namespace DurableAgents.Conformance.Tests.Scenarios;

using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

/// <summary>Instance management through the client: purge, query, paging, restart.</summary>
public abstract partial class ConformanceScenarios
{
    private const string Hello = "Hello";

    [Fact]
    public async Task PurgeInstance_CompletedInstance_GoneWithItsHistory()
    {
        string id = NewInstanceId("purge-one");
        await RunAsync(Hello, "purge", id);

        PurgeResult purged = await Client.PurgeInstanceAsync(id, TestDeadline.Token());

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await Client.GetInstanceAsync(id, TestDeadline.Token()));
        Assert.Empty((await HistoryAsync(id)).Events);
    }

    [Fact]
    public async Task PurgeAllInstances_FilterByCreatedTimeAndStatus_PurgesOnlyMatchingInstances()
    {
        string prefix = NewInstanceId("purge-filter");
        DateTimeOffset from = CreatedFromNow();
        string[] completed = await RunHellosAsync(prefix, 3);
        string running = prefix + "-running";
        await StartAsync(WaitForEvent, null, running);
        await Client.WaitForInstanceStartAsync(running, TestDeadline.Token());
        DateTimeOffset to = DateTimeOffset.UtcNow;

        PurgeResult purged = await Client.PurgeAllInstancesAsync(
            new PurgeInstancesFilter(from, to, [OrchestrationRuntimeStatus.Completed]), TestDeadline.Token());

        Assert.Equal(3, purged.PurgedInstanceCount);
        foreach (string id in completed)
        {
            Assert.Null(await Client.GetInstanceAsync(id, TestDeadline.Token()));
        }

        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Client.GetInstanceAsync(running, TestDeadline.Token()))?.RuntimeStatus);
        await Client.RaiseEventAsync(running, Go, "done", TestDeadline.Token());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await WaitForCompletionAsync(running)).RuntimeStatus);
    }

    [Fact]
    public async Task QueryInstances_ByStatusPrefixAndCreatedRange_ReturnsExactlyTheMatches()
    {
        string prefix = NewInstanceId("query") + "-";
        DateTimeOffset from = CreatedFromNow();
        string[] completed = await RunHellosAsync(prefix, 3);
        string running = prefix + "running";
        await StartAsync(WaitForEvent, null, running);
        await Client.WaitForInstanceStartAsync(running, TestDeadline.Token());
        DateTimeOffset to = DateTimeOffset.UtcNow;

        Assert.Equal(completed.Order(), await QueryIdsAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, Statuses = [OrchestrationRuntimeStatus.Completed] }));
        Assert.Equal([running], await QueryIdsAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, Statuses = [OrchestrationRuntimeStatus.Running] }));
        Assert.Equal(completed.Append(running).Order(), await QueryIdsAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, CreatedFrom = from, CreatedTo = to }));
        Assert.Empty(await QueryIdsAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, CreatedTo = from.AddMinutes(-1) }));
        Assert.Empty(await QueryIdsAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, Statuses = [OrchestrationRuntimeStatus.Failed] }));

        // With inputs and outputs the metadata carries what the instance returned.
        OrchestrationMetadata first = await Client.GetAllInstancesAsync(
            new OrchestrationQuery { InstanceIdPrefix = completed[0], FetchInputsAndOutputs = true }).SingleAsync();
        Assert.Equal("Hello, 0!", first.ReadOutputAs<string>());

        await Client.RaiseEventAsync(running, Go, "done", TestDeadline.Token());
        await WaitForCompletionAsync(running);
    }

    [Fact]
    public async Task QueryInstances_PageSizeTwo_ContinuationTokenWalksAllPages()
    {
        string prefix = NewInstanceId("paging") + "-";
        string[] ids = await RunHellosAsync(prefix, 5);

        var pages = new List<Page<OrchestrationMetadata>>();
        await foreach (Page<OrchestrationMetadata> page in Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, PageSize = 2 }).AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal([2, 2, 1], pages.Select(p => p.Values.Count));
        Assert.All(pages.Take(2), p => Assert.False(string.IsNullOrEmpty(p.ContinuationToken)));
        Assert.Null(pages[^1].ContinuationToken);
        Assert.Equal(ids.Order(), pages.SelectMany(p => p.Values).Select(m => m.InstanceId).Order());

        // Resuming from a page's continuation token yields the rest.
        string token = pages[0].ContinuationToken!;
        var rest = new List<string>();
        await foreach (Page<OrchestrationMetadata> page in Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, PageSize = 2 }).AsPages(token))
        {
            rest.AddRange(page.Values.Select(m => m.InstanceId));
        }

        Assert.Equal(pages.Skip(1).SelectMany(p => p.Values).Select(m => m.InstanceId), rest);
    }

    [Fact]
    public async Task Restart_WithTheSameId_RunsAgainWithTheOriginalInput()
    {
        string id = NewInstanceId("restart");
        await RunAsync(Hello, "again", id);
        string firstExecution = (await HistoryAsync(id)).Started.OrchestrationInstance.ExecutionId;

        string restartedId = await Client.RestartAsync(id, restartWithNewInstanceId: false, TestDeadline.Token());
        OrchestrationMetadata result = await WaitForCompletionAsync(id);

        Assert.Equal(id, restartedId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("Hello, again!", result.ReadOutputAs<string>());
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal([Kind.ExecutionStarted, Kind.ExecutionCompleted], history.Kinds);
        Assert.Equal("\"again\"", history.Started.Input);
        Assert.NotEqual(firstExecution, history.Started.OrchestrationInstance.ExecutionId);
    }

    [Fact]
    public async Task Restart_WithANewId_NewInstanceRunsWithTheOriginalInput()
    {
        string id = NewInstanceId("restart-new");
        await RunAsync(Hello, "twin", id);

        string newId = await Client.RestartAsync(id, restartWithNewInstanceId: true, TestDeadline.Token());
        OrchestrationMetadata result = await WaitForCompletionAsync(newId);

        Assert.NotEqual(id, newId);
        Assert.Equal(Hello, result.Name);
        Assert.Equal("Hello, twin!", result.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await Client.GetInstanceAsync(id, TestDeadline.Token()))?.RuntimeStatus);
        Assert.Equal([Kind.ExecutionStarted, Kind.ExecutionCompleted], (await HistoryAsync(newId)).Kinds);
    }

    // The store may keep creation times to the millisecond; a window opened now must not miss an instance created within it.
    private static DateTimeOffset CreatedFromNow() => DateTimeOffset.UtcNow.AddMilliseconds(-1);

    private async Task<string[]> RunHellosAsync(string prefix, int count)
    {
        string[] ids = Enumerable.Range(0, count).Select(i => $"{prefix}{i}").ToArray();
        for (int i = 0; i < count; i++)
        {
            OrchestrationMetadata result = await RunAsync(Hello, i.ToString(System.Globalization.CultureInfo.InvariantCulture), ids[i]);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        }

        return ids;
    }

    private async Task<string[]> QueryIdsAsync(OrchestrationQuery query)
    {
        var ids = new List<string>();
        await foreach (OrchestrationMetadata instance in Client.GetAllInstancesAsync(query))
        {
            ids.Add(instance.InstanceId);
        }

        return [.. ids.Order()];
    }

    private static void RegisterManagementScenarios(DurableTaskRegistry registry) =>
        registry.AddOrchestratorFunc<string, string>(Hello, (_, name) => $"Hello, {name}!");
}

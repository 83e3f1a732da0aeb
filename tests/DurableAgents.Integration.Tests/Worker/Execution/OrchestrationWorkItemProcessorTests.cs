using DurableAgents.Converters;
using DurableAgents.History;
using DurableAgents.Worker.Execution;
using DurableAgents.Worker.Hosting;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Proto = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Integration.Tests.Worker.Execution;

public sealed class OrchestrationWorkItemProcessorTests
{
    private const string Token = "token-1";
    private int _starts;

    [Fact]
    public void Process_FirstEpisode_SchedulesTheActivityAndCachesTheSession()
    {
        var processor = CreateProcessor();

        var response = processor.Process(WorkItems.Request("i-1", [], WorkItems.FirstEpisode("Hello", "i-1", "\"Ada\"")), Token);

        Assert.Equal("i-1", response.InstanceId);
        Assert.Equal(Token, response.CompletionToken);
        Assert.False(response.RequiresHistory);
        var action = Assert.Single(response.Actions);
        Assert.Equal(0, action.Id);
        Assert.Equal("Greet", action.ScheduleTask.Name);
        Assert.Equal("\"Ada\"", action.ScheduleTask.Input);
        Assert.True(processor.IsCached("i-1", "e-1"));
    }

    [Fact]
    public void Process_CachedSessionAndMatchingCount_ContinuesWithoutRerunningTheCode()
    {
        var processor = CreateProcessor();
        processor.Process(WorkItems.Request("i-1", [], WorkItems.FirstEpisode("Hello", "i-1", "\"Ada\"")), Token);

        var response = processor.Process(WorkItems.Request("i-1", [], WorkItems.TaskCompletedEpisode(0, "\"Hello Ada\""), pastEventCount: 3), Token);

        var completion = Assert.Single(response.Actions).CompleteOrchestration;
        Assert.NotNull(completion);
        Assert.Equal(Proto.OrchestrationStatus.Completed, completion.OrchestrationStatus);
        Assert.Equal("\"Hello Ada\"", completion.Result);
        Assert.Equal(1, _starts);
        Assert.False(processor.IsCached("i-1", "e-1"));
    }

    [Fact]
    public void Process_FullHistoryWhileCached_ReplaysFromTheStart()
    {
        var processor = CreateProcessor();
        var first = WorkItems.FirstEpisode("Hello", "i-1", "\"Ada\"");
        processor.Process(WorkItems.Request("i-1", [], first), Token);

        var past = EpisodeHistory.Append(first, [new Actions.ScheduleTaskAction(0, "Greet", "\"Ada\"")], WorkItems.Start);
        var response = processor.Process(WorkItems.Request("i-1", past, WorkItems.TaskCompletedEpisode(0, "\"Hello Ada\"")), Token);

        Assert.Equal("\"Hello Ada\"", Assert.Single(response.Actions).CompleteOrchestration.Result);
        Assert.Equal(2, _starts);
    }

    [Fact]
    public void Process_CountDiffersFromCache_RequiresHistoryThenCompletesFromFullHistory()
    {
        var processor = CreateProcessor();
        var first = WorkItems.FirstEpisode("Hello", "i-1", "\"Ada\"");
        processor.Process(WorkItems.Request("i-1", [], first), Token);

        var refused = processor.Process(WorkItems.Request("i-1", [], WorkItems.TaskCompletedEpisode(0, "\"Hello Ada\""), pastEventCount: 5), Token);

        Assert.True(refused.RequiresHistory);
        Assert.Empty(refused.Actions);
        Assert.Equal(Token, refused.CompletionToken);
        Assert.False(processor.IsCached("i-1", "e-1"));

        var past = EpisodeHistory.Append(first, [new Actions.ScheduleTaskAction(0, "Greet", "\"Ada\"")], WorkItems.Start);
        var retried = processor.Process(WorkItems.Request("i-1", past, WorkItems.TaskCompletedEpisode(0, "\"Hello Ada\"")), Token);
        Assert.Equal(Proto.OrchestrationStatus.Completed, Assert.Single(retried.Actions).CompleteOrchestration.OrchestrationStatus);
    }

    [Fact]
    public void Process_NotCached_RequiresHistory()
    {
        var processor = CreateProcessor();

        var response = processor.Process(WorkItems.Request("i-1", [], WorkItems.TaskCompletedEpisode(0, "\"x\""), pastEventCount: 3), Token);

        Assert.True(response.RequiresHistory);
        Assert.Empty(response.Actions);
        Assert.Equal(0, _starts);
    }

    [Fact]
    public void Process_CacheDisabled_NeverCachesAndRequiresHistoryForPartialWorkItems()
    {
        var processor = CreateProcessor(maxCached: 0);

        var first = processor.Process(WorkItems.Request("i-1", [], WorkItems.FirstEpisode("Hello", "i-1", "\"Ada\"")), Token);
        var second = processor.Process(WorkItems.Request("i-1", [], WorkItems.TaskCompletedEpisode(0, "\"x\""), pastEventCount: 3), Token);

        Assert.False(processor.CachingEnabled);
        Assert.Equal("Greet", Assert.Single(first.Actions).ScheduleTask.Name);
        Assert.False(processor.IsCached("i-1", "e-1"));
        Assert.True(second.RequiresHistory);
    }

    [Fact]
    public void Process_CacheFull_DropsTheLeastRecentlyUsedSession()
    {
        var processor = CreateProcessor(maxCached: 1);

        processor.Process(WorkItems.Request("i-a", [], WorkItems.FirstEpisode("Hello", "i-a", "\"A\"")), Token);
        processor.Process(WorkItems.Request("i-b", [], WorkItems.FirstEpisode("Hello", "i-b", "\"B\"")), Token);

        Assert.False(processor.IsCached("i-a", "e-1"));
        Assert.True(processor.IsCached("i-b", "e-1"));
        Assert.Equal(1, processor.CachedSessionCount);
    }

    [Fact]
    public void Process_UnknownOrchestrator_FailsWithMessageListingRegisteredNames()
    {
        var processor = CreateProcessor();

        var response = processor.Process(WorkItems.Request("i-1", [], WorkItems.FirstEpisode("Missing", "i-1", null)), Token);

        var action = Assert.Single(response.Actions);
        Assert.Equal(-1, action.Id);
        Assert.Equal(Proto.OrchestrationStatus.Failed, action.CompleteOrchestration.OrchestrationStatus);
        var failure = action.CompleteOrchestration.FailureDetails;
        Assert.Equal(typeof(DurableAgents.Worker.TaskNotRegisteredException).FullName, failure.ErrorType);
        Assert.Contains("'Missing'", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("'Hello'", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("'Crash'", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.False(processor.IsCached("i-1", "e-1"));
    }

    [Fact]
    public void Process_NoExecutionStarted_FailsTheOrchestration()
    {
        var processor = CreateProcessor();

        var response = processor.Process(WorkItems.Request("i-1", [], [new OrchestratorStartedEvent(-1, WorkItems.Start)]), Token);

        var completion = Assert.Single(response.Actions).CompleteOrchestration;
        Assert.Equal(Proto.OrchestrationStatus.Failed, completion.OrchestrationStatus);
        Assert.Contains("ExecutionStarted", completion.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_OrchestratorThrows_CompletesAsFailedAndDropsTheSession()
    {
        var processor = CreateProcessor();

        var response = processor.Process(WorkItems.Request("i-1", [], WorkItems.FirstEpisode("Crash", "i-1", null)), Token);

        var completion = Assert.Single(response.Actions).CompleteOrchestration;
        Assert.Equal(Proto.OrchestrationStatus.Failed, completion.OrchestrationStatus);
        Assert.Contains("the orchestrator broke", completion.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.False(processor.IsCached("i-1", "e-1"));
    }

    private OrchestrationWorkItemProcessor CreateProcessor(int maxCached = 10)
    {
        var registry = new DurableTaskRegistry()
            .AddOrchestratorFunc<string, string>("Hello", async (context, name) =>
            {
                // Counts how often the code runs from the top, so tests can tell a cached continuation from a replay.
                _starts++;

                return await context.CallActivityAsync<string>("Greet", name);
            })
            .AddOrchestratorFunc<string>("Crash", string (TaskOrchestrationContext _) => throw new InvalidOperationException("the orchestrator broke"));
        return new OrchestrationWorkItemProcessor(
            new RegisteredTasks(new RegistryTaskFactory(registry), registry),
            new ServiceCollection().BuildServiceProvider(),
            WebJsonDataConverter.Default, maxCached, NullLoggerFactory.Instance, exceptionProperties: null);
    }
}

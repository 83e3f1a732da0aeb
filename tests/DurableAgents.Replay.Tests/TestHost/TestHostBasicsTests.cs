using Microsoft.DurableTask.Client;
using DurableAgents.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask;

namespace DurableAgents.Replay.Tests.TestHost;

public class TestHostBasicsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Schedule_ActivitySequence_CompletesWithOutputAndWellFormedHistory()
    {
        await using var host = DurableTaskTestHost.Start(tasks => tasks
            .AddOrchestratorFunc<string, string>("Hello", async (context, name) =>
            {
                string a = await context.CallActivityAsync<string>("Greet", name);
                string b = await context.CallActivityAsync<string>("Greet", a);
                return await context.CallActivityAsync<string>("Greet", b);
            })
            .AddActivityFunc<string, string>("Greet", (_, text) => $"<{text}>"));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Hello", "ana");
        OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true).WaitAsync(Deadline);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("<<<ana>>>", done.ReadOutputAs<string>());
        Assert.Equal("ana", done.ReadInputAs<string>());
        IList<HistoryEvent> history = await host.GetHistoryAsync(id);
        Assert.IsType<OrchestratorStartedEvent>(history[0]);
        Assert.IsType<ExecutionStartedEvent>(history[1]);
        Assert.IsType<ExecutionCompletedEvent>(history[^1]);
        Assert.Equal([0, 1, 2], history.OfType<TaskScheduledEvent>().Select(e => e.EventId));
        Assert.Equal([0, 1, 2], history.OfType<TaskCompletedEvent>().Select(e => e.TaskScheduledId));
    }

    [Fact]
    public async Task Schedule_FanOutOfManyActivities_SumsAllResults()
    {
        await using var host = DurableTaskTestHost.Start(tasks => tasks
            .AddOrchestratorFunc<int, int>("FanOut", async (context, count) =>
                (await Task.WhenAll(Enumerable.Range(1, count).Select(i => context.CallActivityAsync<int>("Square", i)))).Sum())
            .AddActivityFunc<int, int>("Square", (_, n) => n * n));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", 100);
        OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, true).WaitAsync(Deadline);

        Assert.Equal(Enumerable.Range(1, 100).Sum(i => i * i), done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Activity_WithRegisteredService_IsCreatedThroughDependencyInjection()
    {
        await using var host = DurableTaskTestHost.Start(
            tasks => tasks
                .AddOrchestratorFunc("UsesService", async context => await context.CallActivityAsync<string>(nameof(PriceActivity), "apple"))
                .AddActivity<PriceActivity>(),
            services => services.AddSingleton(new PriceList(new Dictionary<string, decimal> { ["apple"] = 1.25m })));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("UsesService");
        OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, true).WaitAsync(Deadline);

        Assert.Equal("apple costs 1.25", done.ReadOutputAs<string>());
        Assert.NotNull(host.Services.GetService<PriceList>());
    }

    [Fact]
    public async Task Activity_Throws_FailureReachesOrchestratorWithDetails()
    {
        await using var host = DurableTaskTestHost.Start(tasks => tasks
            .AddOrchestratorFunc("Catches", async context =>
            {
                try
                {
                    await context.CallActivityAsync("Explode");
                    return "no";
                }
                catch (TaskFailedException ex)
                {
                    return $"{ex.FailureDetails.ErrorType}: {ex.FailureDetails.ErrorMessage}";
                }
            })
            .AddActivityFunc<object?>("Explode", (_, _) => throw new InvalidOperationException("kaboom")));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Catches");
        OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, true).WaitAsync(Deadline);

        Assert.Equal("System.InvalidOperationException: kaboom", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Activity_WithRetryPolicy_RetriesOnDurableTimersInVirtualTime()
    {
        int attempts = 0;
        await using var host = DurableTaskTestHost.Start(tasks => tasks
            .AddOrchestratorFunc("Retries", async context =>
                await context.CallActivityAsync<int>("Flaky", null, TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromMinutes(1), 2.0))))
            .AddActivityFunc<object?, int>("Flaky", (_, _) => ++attempts < 3 ? throw new TimeoutException("not yet") : attempts));
        DateTime start = host.CurrentTime;

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Retries");
        OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, true).WaitAsync(Deadline);

        Assert.Equal(3, done.ReadOutputAs<int>());
        Assert.Equal(start.AddMinutes(3), host.CurrentTime);
    }

    [Fact]
    public async Task Schedule_UnknownOrchestratorOrActivity_FailsWithClearDetails()
    {
        await using var host = DurableTaskTestHost.Start(tasks => tasks
            .AddOrchestratorFunc("CallsMissing", async context => await context.CallActivityAsync<int>("Missing")));

        string missingOrchestrator = await host.Client.ScheduleNewOrchestrationInstanceAsync("NoSuchFlow");
        string missingActivity = await host.Client.ScheduleNewOrchestrationInstanceAsync("CallsMissing");

        OrchestrationMetadata first = await host.Client.WaitForInstanceCompletionAsync(missingOrchestrator, getInputsAndOutputs: true).WaitAsync(Deadline);
        OrchestrationMetadata second = await host.Client.WaitForInstanceCompletionAsync(missingActivity, getInputsAndOutputs: true).WaitAsync(Deadline);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, first.RuntimeStatus);
        Assert.Equal("OrchestratorNotFound", first.FailureDetails!.ErrorType);
        Assert.Contains("NoSuchFlow", first.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, second.RuntimeStatus);
        Assert.Equal("ActivityNotFound", second.FailureDetails!.InnerFailure!.ErrorType);
    }

    [Fact]
    public async Task Schedule_NondeterministicOrchestrator_FailsOnReplayInTheHost()
    {
        int runs = 0;
        await using var host = DurableTaskTestHost.Start(tasks => tasks
            .AddOrchestratorFunc("Fickle", async context =>
            {
                // Reads changing outside state: the second replay schedules a different activity.
                string activity = Interlocked.Increment(ref runs) == 1 ? "First" : "Second";
                await context.CallActivityAsync(activity);
                await context.CallActivityAsync("Third");
                return 0;
            })
            .AddActivityFunc<object?>("First", (_, _) => Task.CompletedTask)
            .AddActivityFunc<object?>("Second", (_, _) => Task.CompletedTask)
            .AddActivityFunc<object?>("Third", (_, _) => Task.CompletedTask));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Fickle");
        OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true).WaitAsync(Deadline);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, done.FailureDetails!.ErrorType);
        Assert.Contains("'First'", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("'Second'", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomStatus_IsVisibleWhileRunning()
    {
        await using var host = DurableTaskTestHost.Start(tasks => tasks
            .AddOrchestratorFunc("Status", async context =>
            {
                context.SetCustomStatus(new { step = "waiting" });
                return await context.WaitForExternalEvent<int>("go");
            }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Status");
        OrchestrationMetadata running = (await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!;
        OrchestrationMetadata withoutPayloads = (await host.Client.GetInstanceAsync(id))!;

        Assert.Equal(OrchestrationRuntimeStatus.Running, running.RuntimeStatus);
        Assert.Equal("{\"step\":\"waiting\"}", running.SerializedCustomStatus);
        Assert.Null(withoutPayloads.SerializedCustomStatus);
        Assert.Null(await host.Client.GetInstanceAsync("nobody"));
    }

    public sealed record PriceList(IReadOnlyDictionary<string, decimal> Prices);

    public sealed class PriceActivity(PriceList prices) : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input) =>
            Task.FromResult(FormattableString.Invariant($"{input} costs {prices.Prices[input]}"));
    }
}

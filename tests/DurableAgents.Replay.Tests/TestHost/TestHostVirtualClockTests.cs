using System.Diagnostics;
using DurableAgents.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Replay.Tests.TestHost;

/// <summary>
/// The test host's virtual clock and engine: official-typed orchestrators on the production task hub engine, an in-memory
/// SQLite store and a virtual clock.
/// </summary>
public sealed class TestHostVirtualClockTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ActivityChain_RunsEachActivityInOrder_WithServicesFromDependencyInjection()
    {
        await using var host = DurableTaskTestHost.Start(
            tasks => tasks
                .AddOrchestratorFunc<string[], List<string>>("Chain", async (context, cities) =>
                {
                    var results = new List<string>();
                    foreach (string city in cities)
                    {
                        results.Add(await context.CallActivityAsync<string>("Greet", city));
                    }

                    results.Add(await context.CallActivityAsync<string>(nameof(PriceActivity), "apple"));
                    return results;
                })
                .AddActivityFunc<string, string>("Greet", (_, city) => $"Hello, {city}!")
                .AddActivity<PriceActivity>(),
            services => services.AddSingleton(new PriceList(new Dictionary<string, decimal> { ["apple"] = 1.25m })));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", new[] { "Tokyo", "Seattle", "London" });
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true).WaitAsync(Deadline);

        Assert.Equal("Completed", done.RuntimeStatus.ToString());
        Assert.Equal(["Hello, Tokyo!", "Hello, Seattle!", "Hello, London!", "apple costs 1.25"], done.ReadOutputAs<List<string>>());
    }

    [Fact]
    public async Task DurableTimer_ThreeDays_CompletesAfterAdvancingThreeDaysAndNotBefore()
    {
        await using var host = DurableTaskTestHost.Start(tasks => tasks
            .AddOrchestratorFunc("Sleep3d", async context =>
            {
                await context.CreateTimer(TimeSpan.FromDays(3), CancellationToken.None);
                return context.CurrentUtcDateTime;
            }));
        DateTime start = host.CurrentTime;
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleep3d");

        await host.AdvanceTimeAsync(TimeSpan.FromDays(3) - TimeSpan.FromSeconds(1)).WaitAsync(Deadline);
        var early = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal("Running", early!.RuntimeStatus.ToString());
        Assert.Equal(start.AddDays(3).AddSeconds(-1), host.CurrentTime);

        await host.AdvanceTimeAsync(TimeSpan.FromSeconds(1)).WaitAsync(Deadline);
        var done = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal("Completed", done!.RuntimeStatus.ToString());
        Assert.Equal(start.AddDays(3), done.ReadOutputAs<DateTime>());
        Assert.Equal(start.AddDays(3), done.LastUpdatedAt.UtcDateTime);
    }

    [Fact]
    public async Task AdvanceTimeAsync_StopsTheClockAtEachDueTimerOnTheWay()
    {
        await using var host = DurableTaskTestHost.Start(tasks => tasks
            .AddOrchestratorFunc("TwoTimers", async context =>
            {
                await context.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
                DateTime first = context.CurrentUtcDateTime;
                await context.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
                return new[] { first, context.CurrentUtcDateTime };
            }));
        DateTime start = host.CurrentTime;
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("TwoTimers");

        await host.AdvanceTimeAsync(TimeSpan.FromHours(5)).WaitAsync(Deadline);

        var done = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal("Completed", done!.RuntimeStatus.ToString());
        Assert.Equal([start.AddHours(1), start.AddHours(2)], done.ReadOutputAs<DateTime[]>()!);
        Assert.Equal(start.AddHours(5), host.CurrentTime);
    }

    [Fact]
    public async Task WaitForCompletionAsync_SevenDayTimer_AdvancesVirtualTimeAndReturnsPromptly()
    {
        await using var host = DurableTaskTestHost.Start(tasks => tasks
            .AddOrchestratorFunc("Sleep7d", async context =>
            {
                await context.CreateTimer(TimeSpan.FromDays(7), CancellationToken.None);
                return "woke";
            }));
        DateTime start = host.CurrentTime;
        var elapsed = Stopwatch.StartNew();

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleep7d");
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true).WaitAsync(Deadline);

        Assert.Equal("woke", done.ReadOutputAs<string>());
        Assert.Equal(start.AddDays(7), host.CurrentTime);
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(30), $"Seven virtual days took {elapsed.Elapsed} of real time.");
    }

    [Fact]
    public async Task WaitForCompletionAsync_EventRaisedWhileWaiting_CompletesWithoutMovingTime()
    {
        await using var host = DurableTaskTestHost.Start(tasks => tasks
            .AddOrchestratorFunc("Approval", async context => await context.WaitForExternalEvent<bool>("approval") ? "approved" : "rejected"));
        DateTime start = host.CurrentTime;
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approval");

        Task<Microsoft.DurableTask.Client.OrchestrationMetadata> waiting = host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
        await host.WaitForIdleAsync().WaitAsync(Deadline);
        Assert.False(waiting.IsCompleted);
        await host.Client.RaiseEventAsync(id, "approval", true);
        var done = await waiting.WaitAsync(Deadline);

        Assert.Equal("approved", done.ReadOutputAs<string>());
        Assert.Equal(start, host.CurrentTime);
    }

    [Fact]
    public async Task SubOrchestration_ResultReachesTheParent()
    {
        await using var host = DurableTaskTestHost.Start(tasks => tasks
            .AddOrchestratorFunc<int, int>("Parent", async (context, n) =>
                await context.CallSubOrchestratorAsync<int>("Child", n) + await context.CallSubOrchestratorAsync<int>("Child", n + 1))
            .AddOrchestratorFunc<int, int>("Child", async (context, n) => await context.CallActivityAsync<int>("Square", n))
            .AddActivityFunc<int, int>("Square", (_, n) => n * n));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", 3);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true).WaitAsync(Deadline);

        Assert.Equal("Completed", done.RuntimeStatus.ToString());
        Assert.Equal((3 * 3) + (4 * 4), done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Failure_UncaughtActivityException_FailsTheInstanceWithFailureDetails()
    {
        await using var host = DurableTaskTestHost.Start(tasks => tasks
            .AddOrchestratorFunc("Fails", async context => await context.CallActivityAsync<string>("Explode"))
            .AddActivityFunc<object?, string>("Explode", (_, _) => Explode()));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Fails");
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true).WaitAsync(Deadline);

        Assert.Equal("Failed", done.RuntimeStatus.ToString());
        Assert.NotNull(done.FailureDetails);
        Assert.Equal(typeof(TaskFailedException).FullName, done.FailureDetails.ErrorType);
        Assert.Contains("Explode", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(typeof(InvalidOperationException).FullName, done.FailureDetails.InnerFailure!.ErrorType);
        Assert.Equal("kaboom", done.FailureDetails.InnerFailure.ErrorMessage);
    }

    [Fact]
    public async Task Failure_UnregisteredOrchestratorOrActivity_FailsWithAMessageNamingIt()
    {
        await using var host = DurableTaskTestHost.Start(tasks => tasks
            .AddOrchestratorFunc("CallsMissing", async context => await context.CallActivityAsync<int>("Missing")));

        string missingOrchestrator = await host.Client.ScheduleNewOrchestrationInstanceAsync("NoSuchFlow");
        string missingActivity = await host.Client.ScheduleNewOrchestrationInstanceAsync("CallsMissing");
        var first = await host.Client.WaitForInstanceCompletionAsync(missingOrchestrator, getInputsAndOutputs: true).WaitAsync(Deadline);
        var second = await host.Client.WaitForInstanceCompletionAsync(missingActivity, getInputsAndOutputs: true).WaitAsync(Deadline);

        Assert.Equal("OrchestratorNotFound", first.FailureDetails!.ErrorType);
        Assert.Contains("NoSuchFlow", first.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("ActivityNotFound", second.FailureDetails!.InnerFailure!.ErrorType);
        Assert.Contains("Missing", second.FailureDetails.InnerFailure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContinueAsNew_WithADailyTimer_RunsEveryGenerationInVirtualTime()
    {
        await using var host = DurableTaskTestHost.Start(tasks => tasks
            .AddOrchestratorFunc<int, int>("Daily", async (context, day) =>
            {
                if (day == 3)
                {
                    return day;
                }

                await context.CreateTimer(TimeSpan.FromDays(1), CancellationToken.None);
                context.ContinueAsNew(day + 1);
                return -1;
            }));
        DateTime start = host.CurrentTime;

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Daily", 0);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true).WaitAsync(Deadline);

        Assert.Equal("Completed", done.RuntimeStatus.ToString());
        Assert.Equal(3, done.ReadOutputAs<int>());
        Assert.Equal(start.AddDays(3), host.CurrentTime);
        IList<HistoryEvent> history = await host.GetHistoryAsync(id);
        Assert.Equal("3", Assert.IsType<ExecutionStartedEvent>(history[1]).Input);
    }

    [Fact]
    public async Task CurrentUtcDateTime_AtTheStart_IsTheVirtualClock()
    {
        var startTime = new DateTime(2030, 6, 1, 8, 30, 0, DateTimeKind.Utc);
        await using var host = DurableTaskTestHost.Start(
            tasks => tasks.AddOrchestratorFunc("Now", context => Task.FromResult(context.CurrentUtcDateTime)),
            options: new DurableTaskTestHostOptions { StartTime = startTime });
        await host.AdvanceTimeAsync(TimeSpan.FromMinutes(90)).WaitAsync(Deadline);

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Now");
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true).WaitAsync(Deadline);

        Assert.Equal(startTime.AddMinutes(90), done.ReadOutputAs<DateTime>());
        Assert.Equal(startTime.AddMinutes(90), done.CreatedAt.UtcDateTime);
        IList<HistoryEvent> history = await host.GetHistoryAsync(id);
        Assert.Equal(startTime.AddMinutes(90), Assert.IsType<OrchestratorStartedEvent>(history[0]).Timestamp);
        Assert.Equal(startTime.AddMinutes(90), Assert.IsType<ExecutionStartedEvent>(history[1]).Timestamp);
    }

    [Fact]
    public async Task Client_PayloadsUseTheConfiguredConverter()
    {
        await using var host = DurableTaskTestHost.Start(tasks => tasks
            .AddOrchestratorFunc<Order, Order>("Echo", (_, order) => Task.FromResult(order with { Quantity = order.Quantity + 1 })));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", new Order("pear", 1));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true).WaitAsync(Deadline);

        // The default is the web converter: camelCase on the wire.
        Assert.Equal("""{"item":"pear","quantity":2}""", done.SerializedOutput);
        Assert.Equal(new Order("pear", 2), done.ReadOutputAs<Order>());
    }

    [Fact]
    public async Task ReadmeExample_ReminderAfterThreeDays_IsSentWhenTimeIsAdvanced()
    {
        await using var host = DurableTaskTestHost.Start(tasks => tasks
            .AddOrchestratorFunc("Remind", async context =>
            {
                await context.CreateTimer(TimeSpan.FromDays(3), CancellationToken.None);
                return await context.CallActivityAsync<string>("Send", "reminder");
            })
            .AddActivityFunc<string, string>("Send", (_, text) => $"sent {text}"));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Remind");
        await host.AdvanceTimeAsync(TimeSpan.FromDays(3)).WaitAsync(Deadline);
        OrchestrationMetadata done = (await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!;

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("sent reminder", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Activity_StartingAnotherInstanceThroughTheClient_ReturnsWithoutWaitingForItself()
    {
        DurableTaskTestHost? self = null;
        await using var host = DurableTaskTestHost.Start(tasks => tasks
            .AddOrchestratorFunc("Parent", context => context.CallActivityAsync<string>("StartChild"))
            .AddOrchestratorFunc("Child", _ => Task.FromResult("child done"))
            .AddActivityFunc<string>("StartChild", async _ =>
                await self!.Client.ScheduleNewOrchestrationInstanceAsync("Child", new StartOrchestrationOptions("child"))));
        self = host;

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent");
        OrchestrationMetadata parent = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true).WaitAsync(Deadline);
        OrchestrationMetadata child = await host.Client.WaitForInstanceCompletionAsync("child", getInputsAndOutputs: true).WaitAsync(Deadline);

        Assert.Equal("child", parent.ReadOutputAs<string>());
        Assert.Equal("child done", child.ReadOutputAs<string>());
    }

    [Fact]
    public async Task InstanceIds_ChosenByTheEngine_AreTheSameOnEveryRun()
    {
        async Task<(string Id, string ExecutionId)> RunOnceAsync()
        {
            await using var host = DurableTaskTestHost.Start(tasks => tasks.AddOrchestratorFunc("Noop", _ => Task.FromResult(1)));
            string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Noop");
            await host.Client.WaitForInstanceCompletionAsync(id).WaitAsync(Deadline);
            IList<HistoryEvent> history = await host.GetHistoryAsync(id);
            return (id, Assert.IsType<ExecutionStartedEvent>(history[1]).ExecutionId!);
        }

        (string Id, string ExecutionId) first = await RunOnceAsync();
        (string Id, string ExecutionId) second = await RunOnceAsync();

        Assert.Equal(first, second);
        Assert.NotEqual(first.Id, first.ExecutionId);
    }

    private static string Explode() => throw new InvalidOperationException("kaboom");

    public sealed record Order(string Item, int Quantity);

    public sealed record PriceList(IReadOnlyDictionary<string, decimal> Prices);

    public sealed class PriceActivity(PriceList prices) : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input) =>
            Task.FromResult(FormattableString.Invariant($"{input} costs {prices.Prices[input]}"));
    }
}

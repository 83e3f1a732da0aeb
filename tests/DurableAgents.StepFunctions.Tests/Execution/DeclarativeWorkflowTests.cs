using System.Text.Json.Nodes;
using DurableAgents.History;
using DurableAgents.StepFunctions.Tests.DataFlow;
using DurableAgents.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableAgents.StepFunctions.Tests.Execution;

/// <summary>Declarative workflows run end to end by the generic orchestrator on the production engine, in virtual time.</summary>
public sealed class DeclarativeWorkflowTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static async Task<OrchestrationMetadata> RunAsync(DurableTaskTestHost host, string name, string inputJson)
    {
        using var cancel = new CancellationTokenSource(Deadline);
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync(name, JsonNode.Parse(inputJson), cancel.Token);
        return await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancel.Token);
    }

    /// <summary>An activity that fails with InvalidOperationException(<paramref name="message"/>), after <paramref name="before"/>.</summary>
    private static Func<TaskActivityContext, JsonNode?, JsonNode?> Throws(string message, Action? before = null) => (_, _) =>
    {
        before?.Invoke();
        throw new InvalidOperationException(message);
    };

    private static JsonNode? OutputOf(OrchestrationMetadata metadata)
    {
        Assert.True(metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{metadata.RuntimeStatus}: {metadata.FailureDetails?.ErrorMessage}");
        return JsonNode.Parse(metadata.SerializedOutput!);
    }

    [Fact]
    public async Task HappyPath_RunsActivitiesWithTheDataFlowAndReturnsTheLastOutput()
    {
        WorkflowDefinition definition = new WorkflowBuilder("Greeting")
            .Activity("Greet", "Greet", s => s.Parameters("""{"name.$":"$.who","id.$":"$$.Execution.Id"}""").ResultPath("$.greeting").Next("Shape"))
            .Pass("Shape", s => s.Parameters("""{"text.$":"$.greeting","who.$":"$.who"}""").Next("Done"))
            .Succeed("Done")
            .Build();
        await using var host = DurableTaskTestHost.Start(r => r
            .AddDeclarativeWorkflow(definition)
            .AddActivityFunc<JsonNode?, JsonNode?>("Greet", (_, input) => JsonValue.Create($"Hello, {input!["name"]}! ({input["id"]!.GetValue<string>().Length > 0})")));

        OrchestrationMetadata done = await RunAsync(host, "Greeting", """{"who":"Ana"}""");

        JsonAssert.Equal("""{"text":"Hello, Ana! (True)","who":"Ana"}""", OutputOf(done));
    }

    [Theory]
    [InlineData(9, "high")]
    [InlineData(2, "low")]
    [InlineData(-1, "negative")]
    public async Task Choice_RoutesByTheFirstMatchingRuleOrTheDefault(int score, string expected)
    {
        WorkflowDefinition definition = new WorkflowBuilder("Route")
            .Choice("Decide", c => c
                .When(Condition.And(Condition.IsPresent("$.score"), Condition.NumericGreaterThan("$.score", 5)), "High")
                .When(Condition.Not(Condition.NumericLessThan("$.score", 0)), "Low")
                .Otherwise("Negative"))
            .Pass("High", s => s.Result(JsonValue.Create("high")).End())
            .Pass("Low", s => s.Result(JsonValue.Create("low")).End())
            .Pass("Negative", s => s.Result(JsonValue.Create("negative")).End())
            .Build();
        await using var host = DurableTaskTestHost.Start(r => r.AddDeclarativeWorkflow(definition));

        OrchestrationMetadata done = await RunAsync(host, "Route", $$"""{"score":{{score}}}""");

        JsonAssert.Equal($"\"{expected}\"", OutputOf(done));
    }

    [Fact]
    public async Task Choice_NoRuleMatchedAndNoDefault_FailsWithNoChoiceMatched()
    {
        WorkflowDefinition definition = new WorkflowBuilder("Strict")
            .Choice("Decide", c => c.When(Condition.BooleanEquals("$.ok", true), "Done"))
            .Succeed("Done")
            .Build();
        await using var host = DurableTaskTestHost.Start(r => r.AddDeclarativeWorkflow(definition));

        OrchestrationMetadata done = await RunAsync(host, "Strict", """{"ok":false}""");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.StartsWith("States.NoChoiceMatched:", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParallelAndMap_ReturnOutputsInBranchAndItemOrder_WithinMaxConcurrency()
    {
        WorkflowDefinition definition = new WorkflowBuilder("Fan")
            .Parallel("Both", p => p
                .Branch(b => b.Activity("Double", "Double", s => s.InputPath("$.n").End()))
                .Branch(b => b.Pass("Fixed", s => s.Result(JsonValue.Create("b")).End()))
                .ResultPath("$.parallel")
                .Next("Each"))
            .Map("Each", m => m
                .ItemsPath("$.items")
                .MaxConcurrency(2)
                .ItemSelector(JsonNode.Parse("""{"value.$":"$$.Map.Item.Value","index.$":"$$.Map.Item.Index"}""")!)
                .ItemProcessor(b => b.Activity("Square", "Square", s => s.End()))
                .ResultPath("$.squares")
                .End())
            .Build();
        await using var host = DurableTaskTestHost.Start(r => r
            .AddDeclarativeWorkflow(definition)
            .AddActivityFunc<JsonNode?, JsonNode?>("Double", (_, n) => JsonValue.Create(n!.GetValue<int>() * 2))
            .AddActivityFunc<JsonNode?, JsonNode?>("Square", (_, item) =>
                JsonValue.Create($"{item!["index"]}:{item["value"]!.GetValue<int>() * item["value"]!.GetValue<int>()}")));

        using var cancel = new CancellationTokenSource(Deadline);
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Fan", JsonNode.Parse("""{"n":21,"items":[1,2,3,4,5]}"""), cancel.Token);
        OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancel.Token);

        JsonAssert.Equal("""{"n":21,"items":[1,2,3,4,5],"parallel":[42,"b"],"squares":["0:1","1:4","2:9","3:16","4:25"]}""", OutputOf(done));
        IList<HistoryEvent> history = await host.GetHistoryAsync(id, cancel.Token);
        var squareIds = history.OfType<TaskScheduledEvent>().Where(e => e.Name == "Square").Select(e => e.EventId).ToHashSet();
        int outstanding = 0, most = 0;
        foreach (HistoryEvent e in history)
        {
            outstanding += e switch { TaskScheduledEvent s when s.Name == "Square" => 1, TaskCompletedEvent c when squareIds.Contains(c.TaskScheduledId) => -1, _ => 0 };
            most = Math.Max(most, outstanding);
        }

        Assert.Equal(2, most);
    }

    [Fact]
    public async Task Retry_WaitsIntervalTimesBackoffAndCountsRetriesAfterTheFirstAttempt()
    {
        WorkflowDefinition definition = new WorkflowBuilder("Flaky")
            .Activity("Call", "Flaky", s => s
                .Retry(new Retrier(["States.TaskFailed"]) { IntervalSeconds = 10, BackoffRate = 2.0, MaxAttempts = 2 })
                .End())
            .Build();
        var attempts = new List<DateTime>();
        DurableTaskTestHost? hostRef = null;
        await using var host = DurableTaskTestHost.Start(r => r
            .AddDeclarativeWorkflow(definition)
            .AddActivityFunc<JsonNode?, JsonNode?>("Flaky", (_, input) =>
            {
                attempts.Add(hostRef!.CurrentTime);
                return attempts.Count <= input!["failures"]!.GetValue<int>() ? throw new InvalidOperationException("not yet") : JsonValue.Create("ok");
            }));
        hostRef = host;
        DateTime start = host.CurrentTime;

        OrchestrationMetadata succeeded = await RunAsync(host, "Flaky", """{"failures":2}""");

        JsonAssert.Equal("\"ok\"", OutputOf(succeeded));
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)], attempts.Select(t => t - start));

        attempts.Clear();
        OrchestrationMetadata failed = await RunAsync(host, "Flaky", """{"failures":3}""");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Equal(3, attempts.Count);
        Assert.StartsWith("System.InvalidOperationException: not yet", failed.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_MaxDelayCapsTheBackoffAndFullJitterStaysWithinIt()
    {
        WorkflowDefinition definition = new WorkflowBuilder("Capped")
            .Activity("Call", "AlwaysFails", s => s
                .Retry(new Retrier(["InvalidOperationException"]) { IntervalSeconds = 10, BackoffRate = 10, MaxAttempts = 2, MaxDelaySeconds = 15, JitterStrategy = JitterStrategy.Full })
                .End())
            .Build();
        var attempts = new List<DateTime>();
        DurableTaskTestHost? hostRef = null;
        await using var host = DurableTaskTestHost.Start(r => r
            .AddDeclarativeWorkflow(definition)
            .AddActivityFunc("AlwaysFails", Throws("no", () => attempts.Add(hostRef!.CurrentTime))));
        hostRef = host;

        OrchestrationMetadata failed = await RunAsync(host, "Capped", "{}");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Equal(3, attempts.Count);
        Assert.InRange(attempts[1] - attempts[0], TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.InRange(attempts[2] - attempts[1], TimeSpan.Zero, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Catch_PutsTheErrorObjectAtResultPathAndGoesToTheFallback()
    {
        WorkflowDefinition definition = new WorkflowBuilder("Fallback")
            .Activity("Call", "Broken", s => s.Catch(["States.ALL"], "Recover", "$.error").End())
            .Pass("Recover", s => s.End())
            .Build();
        await using var host = DurableTaskTestHost.Start(r => r
            .AddDeclarativeWorkflow(definition)
            .AddActivityFunc("Broken", Throws("boom")));

        OrchestrationMetadata done = await RunAsync(host, "Fallback", """{"keep":1}""");

        JsonAssert.Equal("""{"keep":1,"error":{"Error":"System.InvalidOperationException","Cause":"boom"}}""", OutputOf(done));
    }

    [Fact]
    public async Task Compensation_RunsInReverseOrderOfCompletionWhenALaterStepFails()
    {
        WorkflowDefinition definition = new WorkflowBuilder("Saga")
            .Activity("Reserve", "Step", s => s.Parameters("""{"step":"reserve"}""").ResultPath(null).CompensateWith("Undo").Next("Charge"))
            .Activity("Charge", "Step", s => s.Parameters("""{"step":"charge"}""").ResultPath(null).CompensateWith("Undo").Next("Ship"))
            .Activity("Ship", "Broken", s => s.End())
            .Build();
        var undone = new List<string>();
        await using var host = DurableTaskTestHost.Start(r => r
            .AddDeclarativeWorkflow(definition)
            .AddActivityFunc<JsonNode?, JsonNode?>("Step", (_, input) => input)
            .AddActivityFunc<JsonNode?, JsonNode?>("Undo", (_, input) =>
            {
                undone.Add(input!["step"]!.GetValue<string>());
                return (JsonNode?)null;
            })
            .AddActivityFunc("Broken", Throws("truck broke down")));

        OrchestrationMetadata done = await RunAsync(host, "Saga", "{}");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(["charge", "reserve"], undone);
        Assert.Contains("truck broke down", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_IsADurableTimer()
    {
        WorkflowDefinition definition = new WorkflowBuilder("Later")
            .Wait("Nap", w => w.SecondsPath("$.seconds").Next("Stamp"))
            .Activity("Stamp", "Stamp", s => s.End())
            .Build();
        DurableTaskTestHost? hostRef = null;
        await using var host = DurableTaskTestHost.Start(r => r
            .AddDeclarativeWorkflow(definition)
            .AddActivityFunc<JsonNode?, JsonNode?>("Stamp", (_, _) => JsonValue.Create(hostRef!.CurrentTime)));
        hostRef = host;
        DateTime start = host.CurrentTime;

        OrchestrationMetadata done = await RunAsync(host, "Later", """{"seconds":3600}""");

        Assert.Equal(start.AddHours(1), OutputOf(done)!.GetValue<DateTime>().ToUniversalTime());
    }

    [Theory]
    [InlineData(true, "published")]
    [InlineData(false, "dropped")]
    [InlineData(null, "expired")]
    public async Task Approval_RoutesByOutcome(bool? approved, string expected)
    {
        WorkflowDefinition definition = new WorkflowBuilder("Publish")
            .Approval("Ask", "publish", TimeSpan.FromDays(2), a => a.Details("$.title").ResultPath("$.approval").OnApproved("Yes").OnRejected("No").OnTimedOut("Late"))
            .Pass("Yes", s => s.Parameters("""{"result":"published","by.$":"$.approval.approver"}""").End())
            .Pass("No", s => s.Parameters("""{"result":"dropped","by.$":"$.approval.approver"}""").End())
            .Pass("Late", s => s.Parameters("""{"result":"expired","outcome.$":"$.approval.outcome"}""").End())
            .Build();
        await using var host = DurableTaskTestHost.Start(r => r.AddDeclarativeWorkflow(definition));
        using var cancel = new CancellationTokenSource(Deadline);
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Publish", JsonNode.Parse("""{"title":"Q3 report"}"""), cancel.Token);

        OrchestrationMetadata waiting = (await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true, cancel.Token))!;
        Assert.Contains("\"waitingForApproval\"", waiting.SerializedCustomStatus, StringComparison.Ordinal);
        Assert.Contains("Q3 report", waiting.SerializedCustomStatus, StringComparison.Ordinal);
        if (approved is bool answer)
        {
            await host.Client.RaiseEventAsync(id, "approval:publish", new { approved = answer, approver = "ana" }, cancel.Token);
        }

        OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancel.Token);

        JsonNode? output = OutputOf(done);
        Assert.Equal(expected, output!["result"]!.GetValue<string>());
        if (approved is null)
        {
            Assert.Equal("TimedOut", output["outcome"]!.GetValue<string>());
        }
        else
        {
            Assert.Equal("ana", output["by"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Agent_ContextIsTheEffectiveInputAsStatesJsonToStringWritesIt()
    {
        WorkflowDefinition definition = new WorkflowBuilder("AskQuoted")
            .Agent("Draft", "writer", prompt: "Reply", configure: s => s.End())
            .Build();
        JsonNode? request = null;
        await using var host = DurableTaskTestHost.Start(r => r
            .AddDeclarativeWorkflow(definition)
            .AddActivityFunc<JsonNode?, JsonNode?>("InvokeAgent", (_, input) =>
            {
                request = input;
                return JsonNode.Parse("""{"Text":"ok"}""");
            }));

        await RunAsync(host, "AskQuoted", """{"message":"I can't open \"Mai\" <b>"}""");

        // Step Functions' States.JsonToString leaves ', <, > and non-ASCII as they are and escapes the quote as \".
        Assert.Equal("{\"message\":\"I can't open \\\"Mai\\\" <b>\"}", request!["Context"]!.GetValue<string>());
    }

    [Fact]
    public async Task Map_ItemsPathSelectsNothing_FailsWithStatesRuntime()
    {
        WorkflowDefinition definition = new WorkflowBuilder("NoItems")
            .Map("Each", m => m.ItemsPath("$.items").ItemProcessor(b => b.Pass("Echo", s => s.End())).End())
            .Build();
        await using var host = DurableTaskTestHost.Start(r => r.AddDeclarativeWorkflow(definition));

        OrchestrationMetadata done = await RunAsync(host, "NoItems", """{"other":1}""");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.StartsWith("States.Runtime:", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_CallsInvokeAgentWithThePromptBuiltFromTheState()
    {
        WorkflowDefinition definition = new WorkflowBuilder("Ask")
            .Agent("Draft", "writer", promptPath: "States.Format('Write about {}', $.topic)", configure: s => s.ResultSelector("""{"text.$":"$.Text"}""").End())
            .Build();
        JsonNode? request = null;
        await using var host = DurableTaskTestHost.Start(r => r
            .AddDeclarativeWorkflow(definition)
            .AddActivityFunc<JsonNode?, JsonNode?>("InvokeAgent", (_, input) =>
            {
                request = input;
                return JsonNode.Parse("""{"Text":"[offline] draft","InputTokens":3}""");
            }));

        OrchestrationMetadata done = await RunAsync(host, "Ask", """{"topic":"tides"}""");

        JsonAssert.Equal("""{"text":"[offline] draft"}""", OutputOf(done));
        Assert.Equal("writer", request!["AgentName"]!.GetValue<string>());
        Assert.Equal("Write about tides", request["Prompt"]!.GetValue<string>());
    }

    [Fact]
    public async Task WorkflowTimeout_FailsTheRunWithStatesTimeoutAndCompensates()
    {
        WorkflowDefinition definition = new WorkflowBuilder("Bounded")
            .TimeoutSeconds(3600)
            .Activity("Reserve", "Step", s => s.CompensateWith("Undo").Next("Nap"))
            .Wait("Nap", w => w.Seconds(7200).End())
            .Build();
        int undone = 0;
        await using var host = DurableTaskTestHost.Start(r => r
            .AddDeclarativeWorkflow(definition)
            .AddActivityFunc<JsonNode?, JsonNode?>("Step", (_, input) => input)
            .AddActivityFunc<JsonNode?, JsonNode?>("Undo", (_, input) =>
            {
                undone++;
                return input;
            }));
        DateTime start = host.CurrentTime;

        OrchestrationMetadata done = await RunAsync(host, "Bounded", "{}");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.StartsWith("States.Timeout:", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(start.AddHours(1), done.LastUpdatedAt.UtcDateTime);
        Assert.Equal(1, undone);
    }

    [Fact]
    public async Task RetryCount_InTheContextObjectCountsEarlierRetries()
    {
        WorkflowDefinition definition = new WorkflowBuilder("Counting")
            .Activity("Call", "FailTwice", s => s.Parameters("""{"retry.$":"$$.State.RetryCount"}""").Retry("States.ALL").End())
            .Build();
        var seen = new List<int>();
        await using var host = DurableTaskTestHost.Start(r => r
            .AddDeclarativeWorkflow(definition)
            .AddActivityFunc<JsonNode?, JsonNode?>("FailTwice", (_, input) =>
            {
                seen.Add(input!["retry"]!.GetValue<int>());
                return seen.Count < 3 ? throw new InvalidOperationException("again") : input;
            }));

        OrchestrationMetadata done = await RunAsync(host, "Counting", "{}");

        JsonAssert.Equal("""{"retry":2}""", OutputOf(done));
        Assert.Equal([0, 1, 2], seen);
    }

    [Fact]
    public async Task StatesUuid_IsTheSameOnEveryReplay()
    {
        // The Pass state is re-evaluated on each replay; the activity's result is recorded once. They agree only if
        // States.UUID gives the same value every time.
        WorkflowDefinition definition = new WorkflowBuilder("Ids")
            .Pass("Make", s => s.Parameters("""{"id.$":"States.UUID()"}""").Next("Echo"))
            .Activity("Echo", "Echo", s => s.ResultPath("$.echo").Next("Nap"))
            .Wait("Nap", w => w.Seconds(10).End())
            .Build();
        await using var host = DurableTaskTestHost.Start(r => r
            .AddDeclarativeWorkflow(definition)
            .AddActivityFunc<JsonNode?, JsonNode?>("Echo", (_, input) => input));

        OrchestrationMetadata done = await RunAsync(host, "Ids", "{}");

        JsonNode output = OutputOf(done)!;
        Assert.True(Guid.TryParse(output["id"]!.GetValue<string>(), out _));
        Assert.Equal(output["id"]!.GetValue<string>(), output["echo"]!["id"]!.GetValue<string>());
    }
}

using System.Net;
using Amazon.Runtime;
using DurableAgents.Agents;
using Microsoft.DurableTask.Client;
using DurableAgents.History;
using DurableAgents.Host.Tests.Fakes;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Workflows.Supervisor;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableAgents.Host.Tests;

/// <summary>
/// A supervisor run on the Bedrock provider (a Converse endpoint on loopback) across a restart of the all-in-one host:
/// the model calls made before the restart are read back from history, never made again.
/// </summary>
public sealed class ModelCallsAcrossRestartTests : IAsyncLifetime
{
    // Two independent steps run in parallel; the writing step needs both and is risky, so the run waits before it.
    private const string Plan = """
        {"goal":"Compare cloud AI offerings","steps":[
          {"id":"facts","capability":"research","task":"Gather facts on cloud AI offerings","dependsOn":[]},
          {"id":"pricing","capability":"analysis","task":"Assess the pricing models","dependsOn":[]},
          {"id":"draft","capability":"writing","task":"Write the comparison","dependsOn":["facts","pricing"]}]}
        """;

    private static readonly object Input = new { request = "Compare cloud AI offerings and write it up", riskyCapabilities = new[] { "writing" } };

    private FakeConverseServer _bedrock = null!;

    public async Task InitializeAsync()
    {
        _bedrock = await FakeConverseServer.StartAsync(ShippedConfiguration.Load());
        _bedrock.Responder = (agent, _) => agent == "planner" ? Plan : $"{agent}: done.";
    }

    public async Task DisposeAsync() => await _bedrock.DisposeAsync();

    [Fact]
    public async Task Supervisor_HostRestartedAtApproval_NoSecondModelCallForStepsAlreadyDone()
    {
        using HostSetup setup = BedrockSetup();
        string id;
        IReadOnlyList<HistoryEvent> historyBeforeRestart;
        IReadOnlyDictionary<string, int> callsBeforeRestart;

        await using (RunningHost first = await setup.StartAsync())
        {
            id = await first.Api.StartInstanceAsync(SupervisorWorkflow.OrchestratorName, Input);
            await first.Api.WaitForApprovalAsync(id);
            historyBeforeRestart = await first.History.GetHistoryAsync(id, Deadline.Token());
            callsBeforeRestart = _bedrock.CallsByAgent();
        }

        // Before the wait: the planner, then the two independent steps scheduled together (one episode).
        Assert.Equal(new Dictionary<string, int> { ["planner"] = 1, ["researcher"] = 1, ["analyst"] = 1 }, callsBeforeRestart);
        Assert.Equal(callsBeforeRestart, historyBeforeRestart.AgentCallsByAgent());
        List<HistoryEvent> wave = historyBeforeRestart.SkipWhile(e => e is not TaskScheduledEvent { Name: "InvokeAgent" })
            .Where(e => e is TaskScheduledEvent or TaskCompletedEvent).Skip(2).Take(3).ToList();
        Assert.True(
            wave is [TaskScheduledEvent { Name: "InvokeAgent" }, TaskScheduledEvent { Name: "InvokeAgent" }, TaskCompletedEvent],
            "The research and analysis steps were not scheduled together: " + string.Join(", ", wave.Select(HistoryFacts.Describe)));

        await using RunningHost second = await setup.StartAsync();
        string approvalName = SupervisorWorkflow.ApprovalNameFor("draft");
        using (HttpResponseMessage answer = await second.Api.AnswerApprovalAsync(id, approvalName, approved: true, "ana", "ship it"))
        {
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        }

        OrchestrationMetadata done = await second.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        SupervisorReport report = done.ReadOutputAs<SupervisorReport>()!;
        Assert.Equal("synthesizer: done.", report.Answer);
        Assert.Equal(["researcher: done.", "analyst: done.", "writer: done."], report.Subtasks.Select(s => s.Result));
        Assert.Equal("ana", report.Subtasks[2].Approver);
        Assert.Equal(1, report.PlanAttempts);

        // Every agent was called exactly as often as the final history scheduled it: the three calls made before the
        // restart were replayed from history, and only the writer and the synthesizer were called after it.
        IReadOnlyList<HistoryEvent> history = await second.History.GetHistoryAsync(id, Deadline.Token());
        IReadOnlyDictionary<string, int> calls = _bedrock.CallsByAgent();
        Assert.Equal(history.AgentCallsByAgent(), calls);
        Assert.Equal(
            new Dictionary<string, int> { ["planner"] = 1, ["researcher"] = 1, ["analyst"] = 1, ["writer"] = 1, ["synthesizer"] = 1 },
            calls);

        // Each call belongs to a distinct scheduled InvokeAgent of this instance (the correlation id is instance:taskId).
        Assert.Equal(
            history.Scheduled(InvokeAgentActivity.ActivityName).Select(e => $"{id}:{e.EventId}").Order(StringComparer.Ordinal),
            _bedrock.Calls.Select(c => c.CorrelationId!).Order(StringComparer.Ordinal));
        Assert.All(_bedrock.Calls, c => Assert.StartsWith(
            $"AWS4-HMAC-SHA256 Credential={FakeConverseServer.AccessKey}/", c.Authorization, StringComparison.Ordinal));
        Assert.All(_bedrock.Calls, c => Assert.Contains($"/{FakeConverseServer.Region}/bedrock/aws4_request", c.Authorization, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Supervisor_HostStoppedDuringAModelCall_OnlyThatCallIsMadeAgainAfterRestart()
    {
        using HostSetup setup = BedrockSetup();

        // On shutdown the worker gives running work a second, then cancels it and hands it back unfinished.
        setup.Settings["Worker:ShutdownTimeout"] = "00:00:01";
        var writerCalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _bedrock.BeforeAnswer = async (call, aborted) =>
        {
            if (call.Agent == "writer" && writerCalled.TrySetResult())
            {
                // The first writer call is never answered: it ends when the stopping host gives up on it.
                await Task.Delay(Timeout.Infinite, aborted);
            }
        };
        string id;
        string approvalName = SupervisorWorkflow.ApprovalNameFor("draft");

        await using (RunningHost first = await setup.StartAsync())
        {
            id = await first.Api.StartInstanceAsync(SupervisorWorkflow.OrchestratorName, Input);
            await first.Api.WaitForApprovalAsync(id);
            using HttpResponseMessage answer = await first.Api.AnswerApprovalAsync(id, approvalName, approved: true, "ana", "ship it");
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
            await writerCalled.Task.WaitAsync(Deadline.Duration);
        }

        Assert.Equal(
            new Dictionary<string, int> { ["planner"] = 1, ["researcher"] = 1, ["analyst"] = 1, ["writer"] = 1 },
            _bedrock.CallsByAgent());

        await using RunningHost second = await setup.StartAsync();
        OrchestrationMetadata done = await second.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        SupervisorReport report = done.ReadOutputAs<SupervisorReport>()!;
        Assert.Equal("writer: done.", report.Subtasks[2].Result);
        Assert.Equal("ana", report.Subtasks[2].Approver);

        // The unanswered call was delivered again (activities run at least once) under the same scheduled task; the
        // calls answered before the restart were not made again.
        IReadOnlyList<HistoryEvent> history = await second.History.GetHistoryAsync(id, Deadline.Token());
        Assert.Equal(
            new Dictionary<string, int> { ["planner"] = 1, ["researcher"] = 1, ["analyst"] = 1, ["writer"] = 1, ["synthesizer"] = 1 },
            history.AgentCallsByAgent());
        Assert.Equal(
            new Dictionary<string, int> { ["planner"] = 1, ["researcher"] = 1, ["analyst"] = 1, ["writer"] = 2, ["synthesizer"] = 1 },
            _bedrock.CallsByAgent());
        string[] writerCalls = _bedrock.Calls.Where(c => c.Agent == "writer").Select(c => c.CorrelationId!).ToArray();
        Assert.Equal(writerCalls[0], writerCalls[1]);
        Assert.Single(history.OfType<EventRaisedEvent>());
        Assert.Equal(1, history.Count<ExecutionStartedEvent>());
        Assert.Equal(1, history.Count<ExecutionCompletedEvent>());
    }

    private HostSetup BedrockSetup()
    {
        var setup = new HostSetup { Configure = UseTestCredentials };
        setup.Settings["Agents:Provider"] = "Bedrock";
        setup.Settings["Agents:Bedrock:Region"] = FakeConverseServer.Region;
        setup.Settings["Agents:Bedrock:Endpoint"] = _bedrock.Endpoint.ToString();

        // A failed call is not retried inside the client, so every Converse request the fake counts is one delivery.
        setup.Settings["Agents:Bedrock:Retry:MaxAttempts"] = "1";
        return setup;
    }

    /// <summary>
    /// The Bedrock client signs with test credentials instead of the machine's AWS chain: the host's configure hook
    /// registers the agent layer's own factory with them before the host adds its defaults (which keep it).
    /// </summary>
    private static void UseTestCredentials(WebApplicationBuilder builder) =>
        builder.Services.AddSingleton<IChatClientFactory>(sp => new ChatClientFactory(
            sp.GetRequiredService<IOptions<AgentsOptions>>().Value,
            sp.GetService<ILoggerFactory>(),
            sp.GetService<TimeProvider>(),
            new BasicAWSCredentials(FakeConverseServer.AccessKey, FakeConverseServer.SecretKey)));
}

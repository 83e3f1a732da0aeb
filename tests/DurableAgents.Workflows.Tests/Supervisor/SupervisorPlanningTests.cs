using DurableAgents.History;
using DurableAgents.Workflows.Supervisor;
using DurableAgents.Workflows.Tests.Fakes;
using DurableAgents.Workflows.Tests.Infrastructure;

namespace DurableAgents.Workflows.Tests.Supervisor;

public sealed class SupervisorPlanningTests
{
    [Fact]
    public async Task RunAsync_PlannerNeverValid_ReAsksWithTheProblemThenFailsNamingIt()
    {
        var planner = ScriptedChatClient.InOrder(
            "First research the market, then write it up.",
            """{"goal":"x","steps":[]}""",
            """{"goal":"x","steps":[{"id":"a","capability":"astrology","task":"Read the stars"}]}""");
        await using WorkflowHost host = WorkflowHost.Start(s => s.UseModel("planner", planner));

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.FailedAsync(host, SupervisorWorkflow.OrchestratorName,
            new SupervisorRequest("Summarise the market"));

        Assert.Equal(typeof(InvalidPlanException).FullName, done.Failure.ErrorType);
        Assert.Contains("The planner agent 'planner' gave no valid plan in 3 attempts.", done.Failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Step 'a' needs capability 'astrology', which no agent has.", done.Failure.ErrorMessage, StringComparison.Ordinal);

        IReadOnlyList<string> prompts = planner.Prompts;
        Assert.Equal(3, prompts.Count);
        Assert.Contains("Capabilities:", prompts[0], StringComparison.Ordinal);
        Assert.DoesNotContain("previous answer", prompts[0], StringComparison.Ordinal);
        Assert.Contains("Your previous answer was not a valid plan: The planner's answer holds no JSON object", prompts[1], StringComparison.Ordinal);
        Assert.Contains("Your previous answer was not a valid plan: The plan has no steps", prompts[2], StringComparison.Ordinal);

        IList<HistoryEvent> history = await host.HistoryAsync(done.InstanceId);
        Assert.Equal(3, history.AgentCalls().Count);
        Assert.Equal(3, host.Models.TotalCalls);
    }

    [Fact]
    public async Task RunAsync_FirstPlanMalformed_SecondAttemptRuns()
    {
        var planner = ScriptedChatClient.InOrder("{\"goal\": \"cut off", Plans.TwoSteps);
        await using WorkflowHost host = WorkflowHost.Start(s => s.UseModel("planner", planner));

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.CompletedAsync(host, SupervisorWorkflow.OrchestratorName,
            new SupervisorRequest("Explain home solar storage"));

        SupervisorReport report = done.Output<SupervisorReport>();
        Assert.Equal(2, report.PlanAttempts);
        Assert.Equal("Explain solar storage", report.Goal);
        Assert.Equal(["facts", "text"], report.Subtasks.Select(s => s.Id));
        Assert.Equal(["researcher", "writer"], report.Subtasks.Select(s => s.Agent));
        Assert.Equal(2, host.Models.CallsTo("planner"));
    }

    [Fact]
    public async Task RunAsync_NoRequest_FailsSayingWhatInputIsExpected()
    {
        await using WorkflowHost host = WorkflowHost.Start();

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.FailedAsync(host, SupervisorWorkflow.OrchestratorName, new { topic = "x" });

        Assert.Equal(typeof(ArgumentException).FullName, done.Failure.ErrorType);
        Assert.Contains("{\"request\":", done.Failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, host.Models.TotalCalls);
    }
}

using DurableAgents.Agents;
using DurableAgents.History;
using DurableAgents.Workflows.Supervisor;
using DurableAgents.Workflows.Tests.Infrastructure;

namespace DurableAgents.Workflows.Tests.Supervisor;

public sealed class SupervisorOfflineTests
{
    [Fact]
    public async Task RunAsync_OfflineAgents_PlansRunsEverySubtaskAndSynthesizes()
    {
        await using WorkflowHost host = WorkflowHost.Start();

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.CompletedAsync(host, SupervisorWorkflow.OrchestratorName,
            new SupervisorRequest("Compare the three largest cloud providers for AI workloads"));

        SupervisorReport report = done.Output<SupervisorReport>();
        Assert.Equal(["research", "analysis", "writing"], report.Subtasks.Select(s => s.Capability));
        Assert.All(report.Subtasks, s => Assert.Equal(SubtaskStatus.Completed, s.Status));
        Assert.Equal(["researcher", "analyst", "writer"], report.Subtasks.Select(s => s.Agent));
        Assert.All(report.Subtasks, s => Assert.StartsWith(OfflineChatClient.AnswerPrefix, s.Result));
        Assert.Equal("synthesizer", report.SynthesizedBy);
        Assert.StartsWith(OfflineChatClient.AnswerPrefix, report.Answer);
        Assert.Equal(1, report.PlanAttempts);
        Assert.Equal(5, report.AgentCalls);
        Assert.True(report.TotalTokens > 0);

        IList<HistoryEvent> history = await host.HistoryAsync(done.InstanceId);
        IReadOnlyList<TaskScheduledEvent> calls = history.AgentCalls();
        Assert.Equal(["planner", "researcher", "analyst", "writer", "synthesizer"], calls.Select(c => c.Request().AgentName));

        // The offline plan fans out: research and analysis depend on nothing, writing waits for both of them.
        Assert.Equal(["step-1", "step-2"], report.Subtasks[2].DependsOn);
        Assert.Null(calls[1].Request().Context);
        Assert.Null(calls[2].Request().Context);
        Assert.Contains(report.Subtasks[0].Result!, calls[3].Request().Context, StringComparison.Ordinal);
        Assert.Contains(report.Subtasks[1].Result!, calls[3].Request().Context, StringComparison.Ordinal);
        Assert.Contains(report.Subtasks[2].Result!, calls[4].Request().Context, StringComparison.Ordinal);

        // Research and analysis were scheduled in one episode: both before either of them completed, and with no
        // new episode starting between the two.
        int researchScheduled = history.IndexOf(calls[1]);
        int analysisScheduled = history.IndexOf(calls[2]);
        int firstOfThemCompleted = history.Select((e, i) => (Event: e, Index: i))
            .First(x => x.Event is TaskCompletedEvent c && (c.TaskScheduledId == calls[1].EventId || c.TaskScheduledId == calls[2].EventId))
            .Index;
        Assert.True(researchScheduled < firstOfThemCompleted && analysisScheduled < firstOfThemCompleted,
            $"Scheduled at {researchScheduled} and {analysisScheduled}, first completion at {firstOfThemCompleted}.");
        Assert.DoesNotContain(
            history.Skip(Math.Min(researchScheduled, analysisScheduled)).Take(Math.Abs(analysisScheduled - researchScheduled)),
            e => e is OrchestratorStartedEvent);

        Assert.Equal(calls.Count, host.Models.TotalCalls);
        Assert.Equal("completed", done.Status<WorkflowStatus>().Phase);
    }
}

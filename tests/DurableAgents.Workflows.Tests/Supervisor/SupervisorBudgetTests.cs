using DurableAgents.Agents;
using DurableAgents.Budgets;
using DurableAgents.History;
using DurableAgents.Workflows.Supervisor;
using DurableAgents.Workflows.Tests.Infrastructure;

namespace DurableAgents.Workflows.Tests.Supervisor;

public sealed class SupervisorBudgetTests
{
    [Fact]
    public async Task RunAsync_SharesTooSmallForPrimaryAgents_CheaperAgentAnswersWithoutCallingThePrimaries()
    {
        // A small planner keeps planning inside its fifth; the rest (about 750 tokens a subtask, 1500 for the
        // synthesis) is below the worst case of researcher, analyst, writer and synthesizer, and above the cheap agent's,
        // including the writing step's, whose context carries both the research and the analysis.
        await using WorkflowHost host = WorkflowHost.Start(s => s.Settings["Agents:Definitions:planner:MaxTokens"] = "256");

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.CompletedAsync(host, SupervisorWorkflow.OrchestratorName,
            new SupervisorRequest("Compare the three largest cloud providers for AI workloads")
            {
                Budget = new WorkflowBudget(4000, 10m),
            });

        SupervisorReport report = done.Output<SupervisorReport>();
        Assert.All(report.Subtasks, s =>
        {
            Assert.Equal(SubtaskStatus.Completed, s.Status);
            Assert.Equal("cheap", s.Agent);
            Assert.Contains("refused its budget share", s.Note, StringComparison.Ordinal);
        });
        Assert.Equal("cheap", report.SynthesizedBy);
        Assert.True(report.TotalTokens <= 4000, $"Spent {report.TotalTokens} tokens of 4000.");

        IList<HistoryEvent> history = await host.HistoryAsync(done.InstanceId);
        IReadOnlyList<TaskFailedEvent> refusals = history.Failures(InvokeAgentActivity.ActivityName);
        Assert.Equal(4, refusals.Count);
        Assert.All(refusals, f => Assert.True(f.FailureDetails.IsCausedBy<BudgetExceededException>()));

        // Refused calls never reach a model: only planner and cheap were called, once per answered InvokeAgent.
        foreach (string refused in (string[])["researcher", "analyst", "writer", "synthesizer"])
        {
            Assert.Equal(0, host.Models.CallsTo(refused));
        }

        Assert.Equal(history.AgentCalls().Count - refusals.Count, host.Models.TotalCalls);
        Assert.Equal(report.AgentCalls, host.Models.TotalCalls);
    }

    [Fact]
    public async Task RunAsync_NoAgentFitsShare_SubtaskSkippedAndSynthesisToldWhy()
    {
        await using WorkflowHost host = WorkflowHost.Start(s =>
        {
            // Only the researcher can research, and its own ceiling is far below any call's worst case.
            s.Settings["Agents:Definitions:researcher:TokenBudget"] = "64";
            s.Settings["Agents:Definitions:cheap:Capabilities:0"] = "writing";
        });

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.CompletedAsync(host, SupervisorWorkflow.OrchestratorName,
            new SupervisorRequest("Compare the three largest cloud providers for AI workloads"));

        SupervisorReport report = done.Output<SupervisorReport>();
        SubtaskOutcome research = report.Subtasks[0];
        Assert.Equal("research", research.Capability);
        Assert.Equal(SubtaskStatus.Skipped, research.Status);
        Assert.Null(research.Agent);
        Assert.Contains("every capable agent refused its budget share", research.Note, StringComparison.Ordinal);
        Assert.Contains("researcher", research.Note, StringComparison.Ordinal);
        Assert.All(report.Subtasks.Skip(1), s => Assert.Equal(SubtaskStatus.Completed, s.Status));

        IList<HistoryEvent> history = await host.HistoryAsync(done.InstanceId);
        // Analysis runs beside research and gets no context; the writing step, which waits for both, is told why
        // the research is missing and still receives the analysis.
        TaskScheduledEvent analysis = history.AgentCalls().Single(c => c.Request().AgentName == "analyst");
        Assert.Null(analysis.Request().Context);
        TaskScheduledEvent writing = history.AgentCalls().Single(c => c.Request().AgentName == "writer");
        Assert.Contains($"## {research.Id} (research)", writing.Request().Context, StringComparison.Ordinal);
        Assert.Contains("SKIPPED:", writing.Request().Context, StringComparison.Ordinal);
        Assert.Contains(report.Subtasks[1].Result!, writing.Request().Context, StringComparison.Ordinal);
        IReadOnlyList<TaskScheduledEvent> calls = history.AgentCalls();
        TaskScheduledEvent synthesis = calls[^1];
        Assert.Equal("synthesizer", synthesis.Request().AgentName);
        Assert.Contains($"## {research.Id} (research)", synthesis.Request().Context, StringComparison.Ordinal);
        Assert.Contains("SKIPPED:", synthesis.Request().Context, StringComparison.Ordinal);
        Assert.Equal(0, host.Models.CallsTo("researcher"));
    }
}

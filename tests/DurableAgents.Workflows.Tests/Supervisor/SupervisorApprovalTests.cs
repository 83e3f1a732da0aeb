using DurableAgents.Approvals;
using Microsoft.DurableTask.Client;
using DurableAgents.History;
using DurableAgents.Workflows.Supervisor;
using DurableAgents.Workflows.Tests.Infrastructure;

namespace DurableAgents.Workflows.Tests.Supervisor;

public sealed class SupervisorApprovalTests
{
    // The offline plan runs research and analysis side by side, then writing; writing is declared risky, so step-3 waits.
    private static readonly SupervisorRequest RiskyWriting = new("Compare the three largest cloud providers for AI workloads")
    {
        RiskyCapabilities = ["writing"],
        ApprovalTimeout = TimeSpan.FromHours(4),
    };

    private static readonly string ApprovalEvent = ApprovalContextExtensions.GetEventName(SupervisorWorkflow.ApprovalNameFor("step-3"));

    [Fact]
    public async Task RunAsync_RiskySubtaskApproved_WaitsThenRunsItWithoutCallingEarlierModelsAgain()
    {
        await using WorkflowHost host = WorkflowHost.Start();
        string id = await host.StartAsync(SupervisorWorkflow.OrchestratorName, RiskyWriting);

        OrchestrationMetadata waiting = await host.StateAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Running, waiting.RuntimeStatus);
        Assert.True(ApprovalCustomStatus.TryParse(waiting.SerializedCustomStatus, out ApprovalCustomStatus? status));
        Assert.Equal("subtask-step-3", status.WaitingForApproval!.Name);
        Assert.Equal(host.Host.CurrentTime + TimeSpan.FromHours(4), status.WaitingForApproval.ExpiresAt);

        // Planner, researcher and analyst have answered; the writer has not been called.
        Assert.Equal(3, host.Models.TotalCalls);
        Assert.Equal(0, host.Models.CallsTo("writer"));

        await host.Client.RaiseEventAsync(id, ApprovalEvent, new ApprovalDecision(true, "ana", "go ahead"));
        OrchestrationMetadataAssert done = new(await host.CompletionAsync(id));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.Metadata.RuntimeStatus);
        SupervisorReport report = done.Output<SupervisorReport>();
        SubtaskOutcome writing = report.Subtasks[2];
        Assert.True(writing.Risky);
        Assert.Equal(SubtaskStatus.Completed, writing.Status);
        Assert.Equal("ana", writing.Approver);
        Assert.Equal("writer", writing.Agent);
        Assert.False(report.Subtasks[0].Risky);

        // Every episode after the approval replays the history; the model calls made before it stay at one each.
        IList<HistoryEvent> history = await host.HistoryAsync(id);
        Assert.Equal(5, history.AgentCalls().Count);
        Assert.Equal(history.AgentCalls().Count, host.Models.TotalCalls);
        Assert.Equal(1, host.Models.CallsTo("planner"));
        Assert.Equal(1, host.Models.CallsTo("researcher"));
        Assert.Equal(1, host.Models.CallsTo("analyst"));
    }

    [Fact]
    public async Task RunAsync_RiskySubtaskRejected_SkipsItAndStillSynthesizes()
    {
        await using WorkflowHost host = WorkflowHost.Start();
        string id = await host.StartAsync(SupervisorWorkflow.OrchestratorName, RiskyWriting);
        await host.StateAsync(id);

        await host.Client.RaiseEventAsync(id, ApprovalEvent, new ApprovalDecision(false, "bob", "too risky"));
        OrchestrationMetadataAssert done = new(await host.CompletionAsync(id));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.Metadata.RuntimeStatus);
        SupervisorReport report = done.Output<SupervisorReport>();
        SubtaskOutcome writing = report.Subtasks[2];
        Assert.Equal(SubtaskStatus.Skipped, writing.Status);
        Assert.Equal("rejected by bob: too risky", writing.Note);
        Assert.Equal("synthesizer", report.SynthesizedBy);
        Assert.Equal(0, host.Models.CallsTo("writer"));
        Assert.Equal(4, host.Models.TotalCalls);
    }

    [Fact]
    public async Task RunAsync_ApprovalTimesOut_SkipsSubtaskByDefault()
    {
        await using WorkflowHost host = WorkflowHost.Start();
        DateTime started = host.Host.CurrentTime;

        // Nobody answers: waiting for completion moves virtual time past the timeout.
        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.CompletedAsync(host, SupervisorWorkflow.OrchestratorName, RiskyWriting);

        SubtaskOutcome writing = done.Output<SupervisorReport>().Subtasks[2];
        Assert.Equal(SubtaskStatus.Skipped, writing.Status);
        Assert.StartsWith("its approval timed out", writing.Note, StringComparison.Ordinal);
        Assert.True(host.Host.CurrentTime >= started + TimeSpan.FromHours(4));
        Assert.Equal(0, host.Models.CallsTo("writer"));
    }

    [Fact]
    public async Task RunAsync_ApprovalTimesOutWithFailOnTimeout_FailsNamingTheApproval()
    {
        await using WorkflowHost host = WorkflowHost.Start();

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.FailedAsync(host, SupervisorWorkflow.OrchestratorName,
            RiskyWriting with { FailOnApprovalTimeout = true });

        Assert.Equal(typeof(ApprovalTimedOutException).FullName, done.Failure.ErrorType);
        Assert.Contains("subtask-step-3", done.Failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, host.Models.CallsTo("writer"));
        Assert.Equal(0, host.Models.CallsTo("synthesizer"));
    }

    [Fact]
    public async Task RunAsync_PlannerMarksStepRisky_WaitsForApprovalOfThatStep()
    {
        const string plan = """{"goal":"g","steps":[{"id":"post","capability":"writing","task":"Post the summary","risky":true}]}""";
        await using WorkflowHost host = WorkflowHost.Start(s => s.UseModel("planner", Fakes.ScriptedChatClient.Always(plan)));
        string id = await host.StartAsync(SupervisorWorkflow.OrchestratorName, new SupervisorRequest("Post a summary"));

        OrchestrationMetadata waiting = await host.StateAsync(id);
        Assert.True(ApprovalCustomStatus.TryParse(waiting.SerializedCustomStatus, out ApprovalCustomStatus? status));
        Assert.Equal("subtask-post", status.WaitingForApproval!.Name);

        await host.Client.RaiseEventAsync(id, ApprovalContextExtensions.GetEventName("subtask-post"), new ApprovalDecision(true, "ana"));
        OrchestrationMetadataAssert done = new(await host.CompletionAsync(id));
        Assert.Equal(SubtaskStatus.Completed, done.Output<SupervisorReport>().Subtasks.Single().Status);
    }
}

using DurableAgents.Agents;
using DurableAgents.Agents.Calls;
using DurableAgents.Budgets;
using DurableAgents.History;
using DurableAgents.Workflows.AgentCalls;
using DurableAgents.Workflows.Research;
using DurableAgents.Workflows.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Workflows.Tests.Research;

public sealed class ResearchAssistantWorkflowTests
{
    [Fact]
    public async Task RunAsync_Offline_RetrievesAnalysesWritesInSequenceEachWithEarlierResults()
    {
        await using WorkflowHost host = WorkflowHost.Start();

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.CompletedAsync(host, ResearchAssistantWorkflow.OrchestratorName,
            new ResearchRequest("Battery storage for home solar") { Audience = "home owners" });

        ResearchReport report = done.Output<ResearchReport>();
        Assert.All([report.Notes, report.Analysis, report.Report], text => Assert.StartsWith(OfflineChatClient.AnswerPrefix, text));
        Assert.Equal(["retrieving", "analysing", "writing"], report.Calls.Select(c => c.Step));
        Assert.Equal(["researcher", "analyst", "writer"], report.Calls.Select(c => c.Agent));
        Assert.Equal(report.Calls.Sum(c => c.Tokens), report.TotalTokens);

        IList<HistoryEvent> history = await host.HistoryAsync(done.InstanceId);
        IReadOnlyList<TaskScheduledEvent> calls = history.AgentCalls();
        Assert.Equal(3, calls.Count);
        for (int i = 1; i < calls.Count; i++)
        {
            // Sequential: each call is scheduled only after the previous one completed.
            int previousDone = history.ToList().FindIndex(e => e is TaskCompletedEvent c && c.TaskScheduledId == calls[i - 1].EventId);
            Assert.True(previousDone >= 0 && previousDone < history.IndexOf(calls[i]));
        }

        Assert.Contains(report.Notes, calls[1].Request().Context, StringComparison.Ordinal);
        Assert.Contains(report.Notes, calls[2].Request().Context, StringComparison.Ordinal);
        Assert.Contains(report.Analysis, calls[2].Request().Context, StringComparison.Ordinal);
        Assert.Contains("home owners", calls[2].Request().Prompt, StringComparison.Ordinal);
        Assert.Equal(3, host.Models.TotalCalls);
        Assert.Equal("completed", done.Status<WorkflowStatus>().Phase);
    }

    [Fact]
    public async Task RunAsync_ReplayedEveryEpisode_LogsEachStepAndTheReportOnceInTheInstancesScope()
    {
        var recording = new RecordingLoggerProvider();
        using ILoggerFactory loggers = LoggerFactory.Create(builder => builder.AddProvider(recording));

        // The test host replays the whole history in every episode: four episodes replay the earlier steps' code.
        await using WorkflowHost host = WorkflowHost.Start(setup => setup.LoggerFactory = loggers);
        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.CompletedAsync(host, ResearchAssistantWorkflow.OrchestratorName,
            new ResearchRequest("Battery storage for home solar"));

        ResearchReport report = done.Output<ResearchReport>();
        IReadOnlyList<string> lines = recording.MessagesOf(typeof(ResearchAssistantWorkflow).FullName!);
        Assert.Equal(4, lines.Count);
        Assert.Equal(
            ["retrieving", "analysing", "writing"],
            lines.Take(3).Select(line => line.Split(':')[1].Trim().Split(' ')[0]));
        Assert.All(lines, line => Assert.StartsWith($"Research {done.InstanceId}: ", line, StringComparison.Ordinal));
        Assert.Contains($"written ({report.TotalTokens} tokens", lines[3], StringComparison.Ordinal);

        // The test host runs the orchestrator in the instance's logging scope, as the worker does.
        Assert.All(recording.ScopeInstanceIdsOf(typeof(ResearchAssistantWorkflow).FullName!), id => Assert.Equal(done.InstanceId, id));
    }

    [Fact]
    public async Task RunAsync_WithBudget_EachStepGetsItsPartOfWhatIsLeft()
    {
        await using WorkflowHost host = WorkflowHost.Start();
        var budget = new WorkflowBudget(40000, 2m);

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.CompletedAsync(host, ResearchAssistantWorkflow.OrchestratorName,
            new ResearchRequest("Battery storage for home solar") { Budget = budget });

        ResearchReport report = done.Output<ResearchReport>();
        IReadOnlyList<AgentRequest> requests = (await host.HistoryAsync(done.InstanceId)).AgentCalls().Select(c => c.Request()).ToList();

        // Weights 1 : 1 : 2 over what is left, so unspent tokens roll forward to later steps.
        WorkflowBudget first = budget.SplitWeighted([1m, 1m, 2m])[0];
        WorkflowBudget afterFirst = budget.Spend(report.Calls[0].Tokens, report.Calls[0].Cost);
        WorkflowBudget second = afterFirst.SplitWeighted([1m, 2m])[0];
        WorkflowBudget third = afterFirst.Spend(report.Calls[1].Tokens, report.Calls[1].Cost);
        Assert.Equal(first.TotalTokens, requests[0].MaxTokens);
        Assert.Equal(second.TotalTokens, requests[1].MaxTokens);
        Assert.Equal(third.TotalTokens, requests[2].MaxTokens);
        Assert.Equal(third.TotalCost, requests[2].MaxCost);
        Assert.True(requests[2].MaxTokens > budget.TotalTokens / 2, "The writer's share includes what earlier steps left.");
    }

    [Fact]
    public async Task RunAsync_WriterShareTooSmall_CheaperWriterAnswers()
    {
        await using WorkflowHost host = WorkflowHost.Start(s => s.Settings["Agents:Definitions:writer:MaxTokens"] = "8192");

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.CompletedAsync(host, ResearchAssistantWorkflow.OrchestratorName,
            new ResearchRequest("Battery storage for home solar") { Budget = new WorkflowBudget(6000, 1m) });

        AgentUsage writing = done.Output<ResearchReport>().Calls[2];
        Assert.Equal("cheap", writing.Agent);
        Assert.Equal("writer", writing.FellBackFrom);
        Assert.Equal(0, host.Models.CallsTo("writer"));
    }

    [Fact]
    public async Task RunAsync_NoAgentFitsRetrievalShare_FailsNamingTheStep()
    {
        await using WorkflowHost host = WorkflowHost.Start(s =>
        {
            s.Settings["Agents:Definitions:researcher:TokenBudget"] = "64";
            s.Settings["Agents:Definitions:cheap:Capabilities:0"] = "writing";
        });

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.FailedAsync(host, ResearchAssistantWorkflow.OrchestratorName,
            new ResearchRequest("Battery storage for home solar"));

        Assert.Equal(typeof(BudgetExhaustedException).FullName, done.Failure.ErrorType);
        Assert.Contains("Step 'retrieving' could not run", done.Failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Agent 'researcher' call refused", done.Failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, host.Models.TotalCalls);
    }
}

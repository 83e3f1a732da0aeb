using System.Text.Json.Nodes;
using DurableAgents.Agents.Calls;
using DurableAgents.History;
using DurableAgents.Workflows.AgentCalls;
using DurableAgents.Workflows.Research;
using DurableAgents.Workflows.Supervisor;
using DurableAgents.Workflows.Tests.Infrastructure;

namespace DurableAgents.Workflows.Tests.Budgets;

/// <summary>
/// A workflow's budget as users send it: JSON in which either limit may be missing. A missing limit is no limit, and a
/// refusal names the field of that JSON to raise.
/// </summary>
public sealed class PartialBudgetTests
{
    private const string Request = "Compare the three largest cloud providers for AI workloads";
    private const string Topic = "Battery storage for home solar";

    [Fact]
    public async Task Budget_with_only_total_tokens_has_no_cost_limit()
    {
        await using WorkflowHost host = WorkflowHost.Start();

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.CompletedAsync(host, SupervisorWorkflow.OrchestratorName,
            Input("request", Request, new JsonObject { ["totalTokens"] = 60000 }));

        SupervisorReport report = done.Output<SupervisorReport>();
        Assert.All(report.Subtasks, s => Assert.Equal(SubtaskStatus.Completed, s.Status));
        Assert.True(report.TotalTokens <= 60000, $"Spent {report.TotalTokens} tokens of 60000.");
        IList<HistoryEvent> history = await host.HistoryAsync(done.InstanceId);
        Assert.Empty(history.Failures(AgentCallExtensions.InvokeAgentActivityName));
        Assert.All(history.AgentCalls(), call =>
        {
            Assert.NotNull(call.Request().MaxTokens);
            Assert.Null(call.Request().MaxCost);
        });
        Assert.True(host.Models.TotalCalls >= 3, $"Only {host.Models.TotalCalls} model calls were made.");
        Assert.Equal(report.AgentCalls, host.Models.TotalCalls);
    }

    [Fact]
    public async Task Budget_with_only_total_cost_has_no_token_limit()
    {
        await using WorkflowHost host = WorkflowHost.Start();

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.CompletedAsync(host, ResearchAssistantWorkflow.OrchestratorName,
            Input("topic", Topic, new JsonObject { ["totalCost"] = 1.0m }));

        ResearchReport report = done.Output<ResearchReport>();
        Assert.Equal(["researcher", "analyst", "writer"], report.Calls.Select(c => c.Agent));
        IList<HistoryEvent> history = await host.HistoryAsync(done.InstanceId);
        Assert.All(history.AgentCalls(), call =>
        {
            Assert.Null(call.Request().MaxTokens);
            Assert.NotNull(call.Request().MaxCost);
        });
        Assert.Equal(3, host.Models.TotalCalls);
    }

    [Fact]
    public async Task Token_refusal_names_budget_totalTokens()
    {
        await using WorkflowHost host = WorkflowHost.Start();

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.FailedAsync(host, ResearchAssistantWorkflow.OrchestratorName,
            Input("topic", Topic, new JsonObject { ["totalTokens"] = 300 }));

        Assert.Equal(typeof(BudgetExhaustedException).FullName, done.Failure.ErrorType);
        string message = done.Failure.ErrorMessage;
        Assert.Contains("token share is 75 (its part of the workflow's budget.totalTokens)", message, StringComparison.Ordinal);
        Assert.Contains("Raise budget.totalTokens", message, StringComparison.Ordinal);
        AssertNamesNoInternalField(message);
        Assert.DoesNotContain("budget.totalCost", message, StringComparison.Ordinal);
        Assert.Equal(0, host.Models.TotalCalls);
    }

    [Fact]
    public async Task Cost_refusal_names_budget_totalCost()
    {
        await using WorkflowHost host = WorkflowHost.Start();

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.FailedAsync(host, ResearchAssistantWorkflow.OrchestratorName,
            Input("topic", Topic, new JsonObject { ["totalCost"] = 0.000004m }));

        Assert.Equal(typeof(BudgetExhaustedException).FullName, done.Failure.ErrorType);
        string message = done.Failure.ErrorMessage;
        Assert.Contains("cost share is 0.000001 (its part of the workflow's budget.totalCost)", message, StringComparison.Ordinal);
        Assert.Contains("Raise budget.totalCost", message, StringComparison.Ordinal);
        AssertNamesNoInternalField(message);
        Assert.DoesNotContain("budget.totalTokens", message, StringComparison.Ordinal);
        Assert.Equal(0, host.Models.TotalCalls);
    }

    /// <summary>The workflow input as a client sends it: JSON whose budget has only the given limit.</summary>
    private static JsonObject Input(string textField, string text, JsonObject budget) =>
        new() { [textField] = text, ["budget"] = budget };

    private static void AssertNamesNoInternalField(string message)
    {
        Assert.DoesNotContain("AgentRequest", message, StringComparison.Ordinal);
        Assert.DoesNotContain("MaxOutputTokens", message, StringComparison.Ordinal);
        Assert.DoesNotContain("MaxCost", message, StringComparison.Ordinal);
        Assert.DoesNotContain("TokenBudget", message, StringComparison.Ordinal);
        Assert.DoesNotContain("workflow's Budget", message, StringComparison.Ordinal);
    }
}

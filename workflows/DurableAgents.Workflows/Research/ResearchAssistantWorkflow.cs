using DurableAgents.Agents.Calls;
using DurableAgents.Budgets;
using DurableAgents.Workflows.AgentCalls;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Workflows.Research;

/// <summary>
/// A three-agent research assistant: a researcher gathers facts, an analyst works on them, a writer writes the
/// report, one after the other, each receiving the earlier results and its share of the budget. A step whose agent
/// refuses its share falls back to a cheaper agent with the same capability; with none, the run fails with
/// <see cref="BudgetExhaustedException"/>. Registered as "ResearchAssistantWorkflow".
/// </summary>
[DurableTask(OrchestratorName)]
public sealed class ResearchAssistantWorkflow : TaskOrchestrator<ResearchRequest, ResearchReport>
{
    /// <summary>The name the orchestrator is registered and started under.</summary>
    public const string OrchestratorName = "ResearchAssistantWorkflow";

    private static readonly decimal[] StepWeights = [1m, 1m, 2m];

    /// <inheritdoc/>
    public override async Task<ResearchReport> RunAsync(TaskOrchestrationContext context, ResearchRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (input is null || string.IsNullOrWhiteSpace(input.Topic))
        {
            throw new ArgumentException("The research assistant needs an input like {\"topic\":\"...\"}.", nameof(input));
        }

        ILogger logger = context.CreateReplaySafeLogger<ResearchAssistantWorkflow>();
        AgentCatalog catalog = await context.CallActivityAsync<AgentCatalog>(DescribeAgentsActivity.ActivityName);
        WorkflowBudget? remaining = input.Budget;
        var calls = new List<AgentUsage>(3);

        async Task<string> StepAsync(int index, string phase, string capability, string agent, string prompt, string? material)
        {
            context.SetCustomStatus(new WorkflowStatus(phase) { Completed = index, Total = StepWeights.Length });
            WorkflowBudget? share = remaining?.SplitWeighted(StepWeights[index..])[0];
            IReadOnlyList<string> candidates = catalog.CandidatesFor(capability, agent);
            var ask = new AgentRequest(agent, prompt) { Context = material };
            AgentCallOutcome call = await context.InvokeWithFallbackAsync(
                candidates.Count == 0 ? [agent] : candidates, ask.WithBudget(share));
            AgentResult result = call.Result ?? throw BudgetExhaustedException.For(phase, call);
            remaining = remaining?.Spend(result);
            calls.Add(AgentUsage.From(phase, call));
            WorkflowLogs.ResearchStepAnswered(logger, context.InstanceId, phase, result.AgentName, result.TotalTokens, result.Cost);
            return result.Text;
        }

        string audience = input.Audience is null ? string.Empty : $" The readers are {input.Audience}.";
        string notes = await StepAsync(
            0, WorkflowPhases.Retrieving, "research", input.Researcher,
            $"Find the key facts, figures and sources about: {input.Topic}. List each fact with its source.", null);
        string analysis = await StepAsync(
            1, WorkflowPhases.Analysing, "analysis", input.Analyst,
            $"Analyse the research notes about {input.Topic}: what do they show, where do sources disagree, what is missing?",
            $"Research notes:\n{notes}");
        string report = await StepAsync(
            2, WorkflowPhases.Writing, "writing", input.Writer,
            $"Write a clear, well-structured report about {input.Topic} from the notes and the analysis.{audience}",
            $"Research notes:\n{notes}\n\nAnalysis:\n{analysis}");

        context.SetCustomStatus(new WorkflowStatus(WorkflowPhases.Completed) { Completed = 3, Total = 3 });
        long totalTokens = calls.Sum(c => c.Tokens);
        decimal totalCost = calls.Sum(c => c.Cost);
        WorkflowLogs.ResearchCompleted(logger, context.InstanceId, input.Topic, totalTokens, totalCost);
        return new ResearchReport(input.Topic, notes, analysis, report)
        {
            Calls = calls,
            TotalTokens = totalTokens,
            TotalCost = totalCost,
        };
    }
}

using DurableAgents.Agents.Calls;
using DurableAgents.Budgets;
using DurableAgents.Workflows.AgentCalls;
using Microsoft.DurableTask;

namespace DurableAgents.Workflows.Support;

/// <summary>The agent calls of one <see cref="CustomerSupportWorkflow"/> execution and their usage. Orchestrator code.</summary>
internal sealed class SupportRun(TaskOrchestrationContext context, SupportRequest request, AgentCatalog catalog)
{
    private readonly List<AgentUsage> _calls = new(3);
    private readonly IReadOnlyList<WorkflowBudget>? _shares = request.Budget?.SplitWeighted([1m, 1m, 2m]);

    /// <summary>Fetches the customer's data and checks compliance in parallel (both scheduled in one episode).</summary>
    public async Task<(string Data, ComplianceVerdict Verdict)> CheckAsync()
    {
        context.SetCustomStatus(new WorkflowStatus(WorkflowPhases.Checking) { Completed = 0, Total = 2 });
        Task<AgentResult> data = CallAsync(
            "data-fetch", "data-fetch", request.DataFetcher, _shares?[0],
            $"Collect the account data of customer {request.CustomerId} needed to answer their message: orders, "
            + "subscriptions, open issues.", $"Customer message:\n{request.Message}");
        Task<AgentResult> compliance = CallAsync(
            "compliance", "compliance", request.ComplianceChecker, _shares?[1],
            $"Check whether answering this message from customer {request.CustomerId} complies with our support policy "
            + "(no data of other customers, no credentials, no legal or medical advice, refunds only per policy) and end "
            + "your answer with one line that reads VERDICT: COMPLIANT, or VERDICT: NON-COMPLIANT followed by the reason.",
            $"Customer message:\n{request.Message}");
        await Task.WhenAll(data, compliance);
        return ((await data).Text, ComplianceVerdict.Read(await compliance));
    }

    /// <summary>The writer drafts the reply from the data and the compliance notes.</summary>
    public async Task<string> WriteAsync(string data, ComplianceVerdict verdict)
    {
        context.SetCustomStatus(new WorkflowStatus(WorkflowPhases.Writing));
        AgentResult reply = await CallAsync(
            "writing", "writing", request.Writer, _shares?[2],
            $"Write a friendly, accurate reply to customer {request.CustomerId}, using only the account data given.",
            $"Customer message:\n{request.Message}\n\nAccount data:\n{data}\n\nCompliance notes:\n{verdict.Reason}");
        return reply.Text;
    }

    /// <summary>The output with the calls made so far.</summary>
    public SupportReply Reply(SupportOutcome outcome, string ticketId, ComplianceVerdict verdict) =>
        new(request.CustomerId, outcome, ticketId)
        {
            Compliance = verdict,
            Calls = _calls.ToList(),
            TotalTokens = _calls.Sum(c => c.Tokens),
            TotalCost = _calls.Sum(c => c.Cost),
        };

    private async Task<AgentResult> CallAsync(string step, string capability, string agent, WorkflowBudget? share, string prompt, string material)
    {
        IReadOnlyList<string> candidates = catalog.CandidatesFor(capability, agent);
        var ask = new AgentRequest(agent, prompt) { Context = material };
        AgentCallOutcome call = await context.InvokeWithFallbackAsync(
            candidates.Count == 0 ? [agent] : candidates, ask.WithBudget(share));
        AgentResult result = call.Result ?? throw BudgetExhaustedException.For(step, call);
        _calls.Add(AgentUsage.From(step, call));
        return result;
    }
}

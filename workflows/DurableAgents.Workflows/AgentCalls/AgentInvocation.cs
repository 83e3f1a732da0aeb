using DurableAgents.Agents;
using Microsoft.DurableTask;

namespace DurableAgents.Workflows.AgentCalls;

/// <summary>Orchestrator-side helpers for calling agents through the InvokeAgent activity.</summary>
public static class AgentInvocation
{
    /// <summary>
    /// Retries for agent calls: 3 attempts, 5 s then 10 s apart (durable timers). Budget refusals and rejected
    /// requests are non-retriable and fail at once.
    /// </summary>
    public static TaskOptions DefaultOptions { get; } =
        TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromMinutes(1)));

    /// <summary>
    /// Calls the agents in <paramref name="candidates"/> in order with <paramref name="request"/> (its AgentName is
    /// replaced by each candidate's) until one accepts the budget share. A <see cref="BudgetExceededException"/> moves
    /// on to the next candidate; any other failure is thrown as <see cref="TaskFailedException"/>. When every candidate
    /// refuses, the outcome has no result and lists the refusals. Deterministic: run it in orchestrator code.
    /// </summary>
    public static async Task<AgentCallOutcome> InvokeWithFallbackAsync(
        this TaskOrchestrationContext context,
        IReadOnlyList<string> candidates,
        AgentRequest request,
        TaskOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(request);
        if (candidates.Count == 0)
        {
            throw new ArgumentException("At least one candidate agent is needed.", nameof(candidates));
        }

        var refusals = new List<string>();
        foreach (string agent in candidates)
        {
            try
            {
                AgentResult result = await context.CallActivityAsync<AgentResult>(
                    InvokeAgentActivity.ActivityName, request with { AgentName = agent }, options ?? DefaultOptions);
                return new AgentCallOutcome(result, refusals, candidates[0]);
            }
            catch (TaskFailedException exception) when (exception.FailureDetails.IsCausedBy<BudgetExceededException>())
            {
                refusals.Add(exception.FailureDetails.ErrorMessage);
            }
        }

        return new AgentCallOutcome(null, refusals, candidates[0]);
    }
}

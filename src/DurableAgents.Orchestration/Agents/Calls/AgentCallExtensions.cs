using Microsoft.DurableTask;

namespace DurableAgents.Agents.Calls;

/// <summary>
/// Orchestrator-side calls to the agents' InvokeAgent activity (registered by DurableAgents.Agents). Only the
/// activity's name and its request and result records are shared, so orchestrator code needs no agent runtime.
/// </summary>
public static class AgentCallExtensions
{
    /// <summary>The name the agents' activity is registered and scheduled under.</summary>
    public const string InvokeAgentActivityName = "InvokeAgent";

    /// <summary>
    /// The failure type of a budget refusal (DurableAgents.Agents' BudgetExceededException). Compared by name because
    /// failures cross the activity boundary as names, and this project must not reference the agents' runtime.
    /// </summary>
    public const string BudgetExceededErrorType = "DurableAgents.Agents.BudgetExceededException";

    /// <summary>
    /// Retries for agent calls: 3 attempts, 5 s then 10 s apart (durable timers). Budget refusals and rejected
    /// requests are non-retriable and fail at once.
    /// </summary>
    public static TaskOptions DefaultOptions { get; } =
        TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromMinutes(1)));

    /// <summary>
    /// Calls the agent named in <paramref name="request"/> through the InvokeAgent activity, with
    /// <paramref name="options"/> or <see cref="DefaultOptions"/>. The answer is recorded in history, so a replay never
    /// calls the model again. A failure (a budget refusal included, see <see cref="IsBudgetRefusal"/>) is thrown as
    /// <see cref="TaskFailedException"/>.
    /// </summary>
    public static Task<AgentResult> InvokeAgentAsync(this TaskOrchestrationContext context, AgentRequest request, TaskOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        return context.CallActivityAsync<AgentResult>(InvokeAgentActivityName, request, options ?? DefaultOptions);
    }

    /// <summary>
    /// Calls the agents in <paramref name="candidates"/> in order with <paramref name="request"/> (its AgentName is
    /// replaced by each candidate's) until one accepts the budget share. A budget refusal moves on to the next
    /// candidate; any other failure is thrown as <see cref="TaskFailedException"/>. When every candidate refuses, the
    /// outcome has no result and lists the refusals. Deterministic: run it in orchestrator code.
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
                AgentResult result = await context.InvokeAgentAsync(request with { AgentName = agent }, options);
                return new AgentCallOutcome(result, refusals, candidates[0]);
            }
            catch (TaskFailedException exception) when (exception.FailureDetails.IsBudgetRefusal())
            {
                refusals.Add(exception.FailureDetails.ErrorMessage);
            }
        }

        return new AgentCallOutcome(null, refusals, candidates[0]);
    }

    /// <summary>True when the failure is an agent refusing its budget share before calling the model.</summary>
    public static bool IsBudgetRefusal(this TaskFailureDetails failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return string.Equals(failure.ErrorType, BudgetExceededErrorType, StringComparison.Ordinal);
    }
}

namespace DurableAgents.Agents;

/// <summary>
/// An agent call would exceed its budget share (tokens or cost), so it was not made. Non-retriable: the same
/// request with the same share fails again; the orchestrator should fall back (smaller prompt, cheaper agent,
/// bigger share).
/// </summary>
public sealed class BudgetExceededException : Exception, INonRetriableFailure
{
    /// <summary>Creates the exception with a generic message.</summary>
    public BudgetExceededException()
        : base("The agent call would exceed its budget share.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public BudgetExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public BudgetExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with the share and the estimate that broke it.</summary>
    public BudgetExceededException(
        string message,
        string agentName,
        long? shareTokens,
        decimal? shareCost,
        long estimatedTokens,
        decimal estimatedCost)
        : base(message)
    {
        AgentName = agentName;
        ShareTokens = shareTokens;
        ShareCost = shareCost;
        EstimatedTokens = estimatedTokens;
        EstimatedCost = estimatedCost;
    }

    /// <summary>The agent whose call was refused.</summary>
    public string? AgentName { get; }

    /// <summary>The token share the call had (input + output), if limited.</summary>
    public long? ShareTokens { get; }

    /// <summary>The cost share the call had, if limited.</summary>
    public decimal? ShareCost { get; }

    /// <summary>Estimated prompt tokens plus the maximum output tokens requested.</summary>
    public long EstimatedTokens { get; }

    /// <summary>Worst-case cost of the call at the agent's prices.</summary>
    public decimal EstimatedCost { get; }
}

namespace DurableAgents.TaskHub;

/// <summary>What a connecting worker declares about itself.</summary>
public sealed record WorkerConnectionOptions
{
    /// <summary>A display name for logs (e.g. the peer address).</summary>
    public string? Name { get; init; }

    /// <summary>Orchestrator work items the worker runs at once; 0 uses <see cref="TaskHubOptions.DefaultMaxConcurrentOrchestrations"/>.</summary>
    public int MaxConcurrentOrchestrations { get; init; }

    /// <summary>Activity work items the worker runs at once; 0 uses <see cref="TaskHubOptions.DefaultMaxConcurrentActivities"/>.</summary>
    public int MaxConcurrentActivities { get; init; }

    /// <summary>The orchestrator names the worker can run, matched without regard to case; null means it did not say (it gets every orchestrator).</summary>
    public IReadOnlyCollection<string>? OrchestratorNames { get; init; }

    /// <summary>The activity names the worker can run, matched without regard to case; null means it did not say (it gets every activity).</summary>
    public IReadOnlyCollection<string>? ActivityNames { get; init; }

    /// <summary>
    /// The worker keeps the replay state of orchestrations it ran. The engine then sends an episode that follows
    /// one this connection ran with no past events (see <see cref="OrchestratorWorkItem.PastEventsOmitted"/>); a
    /// worker that no longer has the state calls <see cref="TaskHubEngine.RequireHistoryAsync"/>.
    /// </summary>
    public bool SupportsHistoryCache { get; init; }
}

namespace DurableAgents.Conformance.Tests.Infrastructure;

/// <summary>How a dedicated environment's sidecar differs from the default one.</summary>
public sealed record ConformanceEnvironmentOptions
{
    /// <summary>The sidecar's Sidecar:MaxMessageBytes; null keeps the default (16 MiB).</summary>
    public int? MaxMessageBytes { get; init; }

    /// <summary>
    /// Replays the orchestrator from history on every episode. The official worker always does; ours keeps replay
    /// state between episodes unless told not to, and code that never replays cannot disagree with its history.
    /// </summary>
    public bool ReplayEveryEpisode { get; init; }
}

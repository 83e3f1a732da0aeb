namespace DurableAgents.Agents;

/// <summary>
/// When an agent's circuit opens: after <see cref="MinimumThroughput"/> calls within
/// <see cref="SamplingDuration"/> of which at least <see cref="FailureRatio"/> failed (provider failures and
/// timeouts only, not validation or budget errors), calls fail fast for <see cref="BreakDuration"/>.
/// </summary>
public sealed class AgentCircuitBreakerOptions
{
    /// <summary>Share of failed calls (0..1] that opens the circuit.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed in the sampling window before the ratio is considered (at least 2).</summary>
    public int MinimumThroughput { get; set; } = 5;

    /// <summary>Window over which failures are counted (at least 500 ms).</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the circuit stays open before a trial call (at least 500 ms).</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}

namespace DurableAgents.StepFunctions;

/// <summary>
/// ASL's retrier. Defaults are ASL's: 1 s interval, 3 retries, backoff 2.0, no delay cap, no jitter.
/// <see cref="MaxAttempts"/> counts retries after the first attempt (0 means never retry).
/// </summary>
/// <param name="ErrorEquals">The error names this retrier handles (States.ALL matches any).</param>
public sealed record Retrier(IReadOnlyList<string> ErrorEquals)
{
    /// <summary>ASL's <c>IntervalSeconds</c>: seconds before the first retry (a positive integer).</summary>
    public int IntervalSeconds { get; init; } = 1;

    /// <summary>ASL's <c>MaxAttempts</c>: the most retries (0 to 99999999).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>ASL's <c>BackoffRate</c>: the interval's multiplier per retry (at least 1.0).</summary>
    public double BackoffRate { get; init; } = 2.0;

    /// <summary>ASL's <c>MaxDelaySeconds</c>: the cap of a retry's delay (1 to 31622400); null means no cap.</summary>
    public int? MaxDelaySeconds { get; init; }

    /// <summary>ASL's <c>JitterStrategy</c>.</summary>
    public JitterStrategy JitterStrategy { get; init; } = JitterStrategy.None;
}

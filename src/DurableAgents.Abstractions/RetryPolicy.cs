namespace DurableAgents;

/// <summary>
/// How a failed activity or sub-orchestration is retried. Waits between attempts are durable timers,
/// so a retry schedule survives restarts.
/// </summary>
public sealed class RetryPolicy
{
    /// <summary>Creates a retry policy.</summary>
    /// <param name="maxNumberOfAttempts">Total attempts including the first; at least 1.</param>
    /// <param name="firstRetryInterval">Wait before the second attempt; greater than zero.</param>
    /// <param name="backoffCoefficient">Multiplier applied to the wait after each attempt; at least 1.</param>
    /// <param name="maxRetryInterval">Upper bound of a single wait; default one hour.</param>
    /// <param name="retryTimeout">Give up when the next attempt would start later than this after the first; default unbounded.</param>
    public RetryPolicy(
        int maxNumberOfAttempts,
        TimeSpan firstRetryInterval,
        double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null,
        TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        if (firstRetryInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(firstRetryInterval), firstRetryInterval, "The first retry interval must be greater than zero.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        if (maxRetryInterval is { } max && max < firstRetryInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetryInterval), max, "The maximum retry interval must not be shorter than the first retry interval.");
        }

        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
        RetryTimeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
    }

    /// <summary>Total attempts including the first.</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>Wait before the second attempt.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>Multiplier applied to the wait after each attempt.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>Upper bound of one wait.</summary>
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>Overall time limit measured from the first attempt; <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>
    /// Decides from the failure whether to retry at all; null retries every retriable failure.
    /// Must be deterministic: it runs inside orchestrator code.
    /// </summary>
    public Func<FailureDetails, bool>? HandleFailure { get; init; }

    /// <summary>
    /// The delay before attempt <paramref name="nextAttempt"/> (2 for the first retry), or null when the policy gives up.
    /// </summary>
    /// <param name="nextAttempt">The 1-based number of the attempt about to be made.</param>
    /// <param name="elapsedSinceFirstAttempt">Orchestration time since the first attempt was scheduled.</param>
    /// <param name="failure">The failure of the previous attempt.</param>
    public TimeSpan? GetNextDelay(int nextAttempt, TimeSpan elapsedSinceFirstAttempt, FailureDetails failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (nextAttempt > MaxNumberOfAttempts || failure.IsNonRetriable)
        {
            return null;
        }

        if (HandleFailure is not null && !HandleFailure(failure))
        {
            return null;
        }

        double factor = Math.Pow(BackoffCoefficient, nextAttempt - 2);
        double ticks = Math.Min(FirstRetryInterval.Ticks * factor, MaxRetryInterval.Ticks);
        TimeSpan delay = TimeSpan.FromTicks((long)ticks);
        if (RetryTimeout != Timeout.InfiniteTimeSpan && elapsedSinceFirstAttempt + delay > RetryTimeout)
        {
            return null;
        }

        return delay;
    }
}

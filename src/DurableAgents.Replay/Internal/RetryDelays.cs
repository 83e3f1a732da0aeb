using Microsoft.DurableTask;

namespace DurableAgents.Replay.Internal;

/// <summary>The waits of the SDK's <see cref="RetryPolicy"/>, computed as the Durable Task runtime does.</summary>
internal static class RetryDelays
{
    /// <summary>
    /// The delay before attempt <paramref name="nextAttempt"/> (2 for the first retry), or null when the policy gives up:
    /// all attempts used, the failure is marked non-retriable, <see cref="RetryPolicy.HandleFailure"/> declines, or the
    /// next attempt would start after <see cref="RetryPolicy.RetryTimeout"/>.
    /// </summary>
    public static TimeSpan? Next(RetryPolicy policy, string taskName, int taskId, int nextAttempt, TimeSpan elapsedSinceFirstAttempt, FailureDetails failure)
    {
        if (nextAttempt > policy.MaxNumberOfAttempts || failure.IsNonRetriable)
        {
            return null;
        }

        if (!policy.Handle(ToRuntimeException(taskName, taskId, failure)))
        {
            return null;
        }

        double factor = Math.Pow(policy.BackoffCoefficient, nextAttempt - 2);
        double ticks = Math.Min(policy.FirstRetryInterval.Ticks * factor, policy.MaxRetryInterval.Ticks);
        TimeSpan delay = TimeSpan.FromTicks((long)ticks);
        if (policy.RetryTimeout != Timeout.InfiniteTimeSpan && elapsedSinceFirstAttempt + delay > policy.RetryTimeout)
        {
            return null;
        }

        return delay;
    }

    // RetryPolicy keeps its HandleFailure predicate behind Handle, which expects the Durable Task runtime's own
    // exception carrying the runtime's failure record.
    private static global::DurableTask.Core.Exceptions.TaskFailedException ToRuntimeException(string taskName, int taskId, FailureDetails failure) =>
        new(0, taskId, taskName, null, failure.ErrorMessage, null) { FailureDetails = ToRuntimeFailure(failure) };

    private static global::DurableTask.Core.FailureDetails ToRuntimeFailure(FailureDetails failure) => new(
        failure.ErrorType,
        failure.ErrorMessage,
        failure.StackTrace,
        failure.InnerFailure is { } inner ? ToRuntimeFailure(inner) : null,
        failure.IsNonRetriable);
}

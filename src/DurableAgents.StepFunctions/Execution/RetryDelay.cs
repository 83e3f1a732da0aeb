namespace DurableAgents.StepFunctions.Execution;

/// <summary>ASL's retry timing: IntervalSeconds × BackoffRate^retry, capped at MaxDelaySeconds, scaled by a jitter fraction with FULL.</summary>
public static class RetryDelay
{
    /// <summary>
    /// The delay before retry number <paramref name="retry"/> (0 for the first retry). <paramref name="jitterFraction"/>
    /// in [0, 1) is used only with <see cref="JitterStrategy.Full"/>; an orchestrator derives it from the context's
    /// NewGuid so that replays wait the same time.
    /// </summary>
    public static TimeSpan For(Retrier retrier, int retry, double jitterFraction)
    {
        ArgumentNullException.ThrowIfNull(retrier);
        double seconds = retrier.IntervalSeconds * Math.Pow(retrier.BackoffRate, retry);
        if (retrier.MaxDelaySeconds is int cap)
        {
            seconds = Math.Min(seconds, cap);
        }

        if (retrier.JitterStrategy == JitterStrategy.Full)
        {
            seconds *= jitterFraction;
        }

        return TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2));
    }

    /// <summary>A fraction in [0, 1) from the first four bytes of <paramref name="value"/>.</summary>
    public static double FractionOf(Guid value) => BitConverter.ToUInt32(value.ToByteArray(), 0) / (uint.MaxValue + 1.0);
}

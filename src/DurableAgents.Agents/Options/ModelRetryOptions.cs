namespace DurableAgents.Agents;

/// <summary>How a model client retries retryable failures: exponential backoff with jitter, bounded attempts.</summary>
public sealed class ModelRetryOptions
{
    /// <summary>Total attempts including the first one; 1 disables retries.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Delay before the first retry; later retries double it (with jitter).</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound of any single delay, including one the provider asked for with Retry-After.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    internal void Validate(string section)
    {
        if (MaxAttempts < 1)
        {
            throw new ModelProviderConfigurationException(
                $"{section}:Retry:MaxAttempts must be at least 1 (got {MaxAttempts}); use 1 to disable retries.");
        }

        if (BaseDelay < TimeSpan.Zero || MaxDelay < TimeSpan.Zero)
        {
            throw new ModelProviderConfigurationException(
                $"{section}:Retry:BaseDelay and MaxDelay must not be negative (got {BaseDelay} and {MaxDelay}).");
        }
    }
}

namespace DurableAgents;

/// <summary>Retry settings of a task call: a declarative <see cref="RetryPolicy"/>.</summary>
public sealed class TaskRetryOptions
{
    /// <summary>Creates retry options from a policy.</summary>
    public TaskRetryOptions(RetryPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Policy = policy;
    }

    /// <summary>The policy that decides attempts and waits.</summary>
    public RetryPolicy Policy { get; }

    /// <summary>Converts a policy to retry options.</summary>
#pragma warning disable CA2225 // The constructor is the named alternative.
    public static implicit operator TaskRetryOptions(RetryPolicy policy) => new(policy);
#pragma warning restore CA2225
}

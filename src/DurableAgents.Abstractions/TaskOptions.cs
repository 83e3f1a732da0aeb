namespace DurableAgents;

/// <summary>Options of an activity or sub-orchestration call.</summary>
public class TaskOptions
{
    /// <summary>Creates options, optionally with retries.</summary>
    public TaskOptions(TaskRetryOptions? retry = null)
    {
        Retry = retry;
    }

    /// <summary>Retry settings; null means one attempt.</summary>
    public TaskRetryOptions? Retry { get; init; }

    /// <summary>Tags recorded with the scheduled task.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Options that retry according to <paramref name="policy"/>.</summary>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(new TaskRetryOptions(policy));

    /// <summary>Sub-orchestration options with these settings and the given instance id.</summary>
    public SubOrchestrationOptions WithInstanceId(string? instanceId) => new(this, instanceId);
}

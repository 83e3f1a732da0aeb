namespace DurableAgents.Worker.Hosting;

/// <summary>
/// A work item the worker has accepted and not yet answered. Exactly one of "complete" and "abandon" wins, so a
/// work item handed back on shutdown is never also completed by code that finishes late.
/// </summary>
internal sealed class InFlightWorkItem(WorkItemKind kind, string instanceId, string completionToken)
{
    private const int Running = 0;
    private const int Completing = 1;
    private const int Abandoned = 2;

    private int _state;

    public WorkItemKind Kind { get; } = kind;

    public string InstanceId { get; } = instanceId;

    public string CompletionToken { get; } = completionToken;

    /// <summary>The task that handles the work item; set once it is started.</summary>
    public Task Handling { get; set; } = Task.CompletedTask;

    /// <summary>True if the caller may send the completion (the item was not abandoned).</summary>
    public bool TryBeginCompletion() => Interlocked.CompareExchange(ref _state, Completing, Running) == Running;

    /// <summary>True if the caller may hand the item back (its completion has not started).</summary>
    public bool TryAbandon() => Interlocked.CompareExchange(ref _state, Abandoned, Running) == Running;
}

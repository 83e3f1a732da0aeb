namespace DurableAgents.Activities;

/// <summary>
/// What the DurableAgents executor knows about an activity call beyond <see cref="Microsoft.DurableTask.TaskActivityContext"/>:
/// the call's task id in the orchestration's history and a token for shutdown or a lost lease. Its activity contexts
/// implement this interface; read it through <see cref="ActivityContextExtensions"/>.
/// </summary>
public interface IActivityInvocation
{
    /// <summary>The task id of the call in the orchestration's history.</summary>
    int TaskId { get; }

    /// <summary>Cancelled when the worker shuts down or the work item's lease is lost.</summary>
    CancellationToken CancellationToken { get; }
}

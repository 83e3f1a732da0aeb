using DurableAgents.History;
using Microsoft.DurableTask;

namespace DurableAgents.Client;

/// <summary>
/// Starts and manages orchestration instances. Implementations: the gRPC client (DurableAgents.Client), the
/// in-process task hub client, and the test host's client. Members mirror durabletask-dotnet's client.
/// </summary>
public abstract class DurableTaskClient : IAsyncDisposable
{
    /// <summary>Creates a client with a display name.</summary>
    protected DurableTaskClient(string name)
    {
        Name = name;
    }

    /// <summary>A display name of the client (e.g. the task hub it talks to).</summary>
    public string Name { get; }

    /// <summary>Schedules a new instance and returns its instance id; a finished instance with the id is replaced.</summary>
    /// <exception cref="InstanceAlreadyExistsException">An instance with the given id exists and is not terminal.</exception>
    public abstract Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default);

    /// <summary>Reads an instance's state, or null if no such instance exists.</summary>
    public abstract Task<OrchestrationMetadata?> GetInstanceAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    /// <summary>Waits until the instance has started (is no longer Pending) and returns its state.</summary>
    public abstract Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    /// <summary>Waits until the instance is Completed, Failed or Terminated and returns its state.</summary>
    public abstract Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    /// <summary>Delivers an external event to a running instance.</summary>
    /// <remarks>
    /// On a finished instance the gRPC client succeeds and the sidecar discards the event (the Durable Task protocol's
    /// rule); the in-process and test-host clients throw <see cref="InvalidInstanceStateException"/>. The same holds for
    /// <see cref="SuspendInstanceAsync"/> and <see cref="ResumeInstanceAsync"/>.
    /// </remarks>
    /// <exception cref="InstanceNotFoundException">No such instance.</exception>
    public abstract Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default);

    /// <summary>Terminates an instance (and, with the recursive option, its sub-orchestrations).</summary>
    public abstract Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default);

    /// <summary>Terminates an instance with an output (reason).</summary>
    public virtual Task TerminateInstanceAsync(string instanceId, object? output, CancellationToken cancellation = default) =>
        TerminateInstanceAsync(instanceId, new TerminateInstanceOptions { Output = output }, cancellation);

    /// <summary>Suspends a running instance; events that arrive meanwhile are kept.</summary>
    public abstract Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default);

    /// <summary>Resumes a suspended instance.</summary>
    public abstract Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default);

    /// <summary>Queries instances page by page.</summary>
    public abstract AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null);

    /// <summary>Deletes a terminal instance's state and history.</summary>
    public abstract Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default);

    /// <summary>Deletes the state and history of all terminal instances matching the filter.</summary>
    public abstract Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default);

    /// <summary>Starts a finished instance again with its original input; returns the (new or same) instance id.</summary>
    public abstract Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default);

    /// <summary>Reads the instance's history, oldest first.</summary>
    public abstract Task<IList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default);

    /// <inheritdoc/>
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

using System.Text.Json;
using DurableAgents.Approvals;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Cli.Backends;

/// <summary>
/// The operations the commands need, over either the sidecar's gRPC endpoint or its HTTP management API.
/// Unknown instances surface as <see cref="InstanceNotFoundException"/> from both.
/// </summary>
internal interface ICliBackend : IAsyncDisposable
{
    /// <summary>Where this backend talks to, for messages ("the sidecar at http://127.0.0.1:4001").</summary>
    string Description { get; }

    /// <summary>Schedules a new instance and returns its id.</summary>
    Task<string> StartAsync(string orchestratorName, JsonElement? input, string? instanceId, CancellationToken cancellation);

    /// <summary>
    /// What the sidecar says when the instance waits for a worker that runs its orchestrator ("no connected worker handles
    /// 'Name'"), or null when it does not or the transport cannot tell (gRPC: the durabletask protocol has no field for it).
    /// </summary>
    Task<string?> GetWaitingForWorkerAsync(string instanceId, CancellationToken cancellation);

    /// <summary>The instance with input, output and custom status, or null when there is no such instance.</summary>
    Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellation);

    /// <summary>Waits until the instance is Completed, Failed, Terminated or Canceled.</summary>
    Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId, CancellationToken cancellation);

    /// <summary>The instance's history as readable rows, oldest first.</summary>
    Task<IReadOnlyList<HistoryRow>> GetHistoryAsync(string instanceId, CancellationToken cancellation);

    /// <summary>Up to <see cref="InstanceListRequest.Top"/> instances matching the filter.</summary>
    Task<InstanceList> ListAsync(InstanceListRequest request, CancellationToken cancellation);

    /// <summary>Delivers an external event.</summary>
    Task RaiseEventAsync(string instanceId, string eventName, JsonElement? data, CancellationToken cancellation);

    /// <summary>The instances waiting for an approval (only those named <paramref name="approvalName"/> when given), oldest wait first.</summary>
    Task<IReadOnlyList<PendingApproval>> ListApprovalsAsync(string? approvalName, CancellationToken cancellation);

    /// <summary>Answers the approval the instance is waiting for.</summary>
    Task ApproveAsync(string instanceId, string approvalName, ApprovalDecision decision, CancellationToken cancellation);

    /// <summary>Terminates a running instance.</summary>
    Task TerminateAsync(string instanceId, string? reason, CancellationToken cancellation);

    /// <summary>Suspends a running instance.</summary>
    Task SuspendAsync(string instanceId, string? reason, CancellationToken cancellation);

    /// <summary>Resumes a suspended instance.</summary>
    Task ResumeAsync(string instanceId, string? reason, CancellationToken cancellation);

    /// <summary>
    /// Starts the instance again with its original input: under a new id (returned), or with
    /// <paramref name="restartWithNewInstanceId"/> false under the same id, which needs a finished instance.
    /// </summary>
    Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId, CancellationToken cancellation);

    /// <summary>Deletes one finished instance; returns how many were deleted (0 or 1).</summary>
    Task<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellation);

    /// <summary>Deletes the finished instances that match; returns how many were deleted.</summary>
    Task<int> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellation);
}

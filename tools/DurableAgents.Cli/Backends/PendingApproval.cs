using Microsoft.DurableTask.Client;

namespace DurableAgents.Cli.Backends;

/// <summary>An instance waiting for a human approval, as <c>approvals</c> lists it.</summary>
/// <param name="InstanceId">The waiting instance.</param>
/// <param name="OrchestratorName">Its orchestrator.</param>
/// <param name="RuntimeStatus">Running, or Suspended (a suspended instance still waits).</param>
/// <param name="Name">The approval's name, to pass to <c>approve</c> / <c>reject</c>.</param>
/// <param name="Since">When the wait began (UTC).</param>
/// <param name="ExpiresAt">When the wait times out (UTC).</param>
/// <param name="Details">What the approver should see, as JSON text; null when the orchestrator gave none.</param>
internal sealed record PendingApproval(
    string InstanceId,
    string OrchestratorName,
    OrchestrationRuntimeStatus RuntimeStatus,
    string Name,
    DateTimeOffset Since,
    DateTimeOffset ExpiresAt,
    string? Details);

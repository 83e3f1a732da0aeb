using DurableAgents.TaskHub.Storage;

namespace DurableAgents.TaskHub.Internal;

/// <summary>An activity in flight.</summary>
internal sealed class ActivityLease(string token, WorkerConnection connection, DateTime expiresAt, ActivityTask task)
    : Lease(token, connection, expiresAt)
{
    public ActivityTask Task { get; } = task;
}

using DurableAgents.History;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.Conformance.Tests.Suite;

/// <summary>Builders of store records with distinct, checkable values.</summary>
public static class Rows
{
    public static readonly DateTime T0 = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    public static InstanceRecord Instance(
        string instanceId,
        OrchestrationStatus status = OrchestrationStatus.Running,
        DateTime? createdAt = null,
        long rowVersion = 1,
        int historyLength = 0,
        string executionId = "exec-1") => new()
        {
            InstanceId = instanceId,
            ExecutionId = executionId,
            Name = "Hello",
            Status = status,
            Input = $$"""{"who":"{{instanceId}}"}""",
            CreatedAt = createdAt ?? T0,
            LastUpdatedAt = (createdAt ?? T0).AddSeconds(1),
            HistoryLength = historyLength,
            RowVersion = rowVersion,
        };

    public static ExecutionStartedEvent Started(string instanceId, string executionId = "exec-1") =>
        new(-1, T0, "Hello", instanceId, executionId, "\"input\"");

    public static TaskScheduledEvent Scheduled(int taskId) => new(taskId, T0.AddSeconds(taskId), "SayHello", $"\"arg{taskId}\"");

    public static TaskCompletedEvent Completed(int taskId) => new(-1, T0.AddSeconds(taskId), taskId, $"\"Hello {taskId}\"");

    public static InboxMessage Message(long messageId, string instanceId, HistoryEvent? historyEvent = null, DateTime? visibleAt = null) =>
        new(messageId, instanceId, historyEvent ?? new EventRaisedEvent(-1, T0, "approval", "true"), visibleAt ?? T0);

    public static ActivityTask Activity(string instanceId, int taskId, string executionId = "exec-1", DateTime? scheduledAt = null) =>
        new(instanceId, executionId, taskId, "SayHello", null, $"\"arg{taskId}\"", null, scheduledAt ?? T0.AddSeconds(taskId));

    /// <summary>A new instance with its start message and first history row, as a client's start would write it.</summary>
    public static CommitRequest Start(string instanceId, long messageId, DateTime? createdAt = null) => new()
    {
        Conditions = [InstanceCondition.Absent(instanceId)],
        InstanceUpserts = [Instance(instanceId, OrchestrationStatus.Pending, createdAt, rowVersion: 1)],
        InboxInserts = [Message(messageId, instanceId, Started(instanceId))],
    };
}

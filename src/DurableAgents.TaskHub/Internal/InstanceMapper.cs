using DurableAgents.TaskHub.Storage;

namespace DurableAgents.TaskHub.Internal;

/// <summary>Maps stored instance rows to what clients see.</summary>
internal static class InstanceMapper
{
    public static InstanceSnapshot ToMetadata(InstanceRecord record, bool includePayloads) => new(record.Name, record.InstanceId)
    {
        RuntimeStatus = record.Status,
        CreatedAt = AsUtc(record.CreatedAt),
        LastUpdatedAt = AsUtc(record.LastUpdatedAt),
        CompletedAt = record.CompletedAt is { } completed ? AsUtc(completed) : null,
        ScheduledStartAt = record.ScheduledStartAt is { } scheduled ? AsUtc(scheduled) : null,
        SerializedInput = includePayloads ? record.Input : null,
        SerializedOutput = includePayloads ? record.Output : null,
        SerializedCustomStatus = includePayloads ? record.CustomStatus : null,
        // Failure details are part of the output data (as the Durable Task SDKs document): a light read leaves them out.
        FailureDetails = includePayloads ? record.FailureDetails : null,
        ParentInstanceId = record.Parent?.InstanceId,
        ExecutionId = record.ExecutionId,
        Tags = record.Tags,
    };

    private static DateTimeOffset AsUtc(DateTime value) =>
        new(DateTime.SpecifyKind(value, DateTimeKind.Utc), TimeSpan.Zero);
}

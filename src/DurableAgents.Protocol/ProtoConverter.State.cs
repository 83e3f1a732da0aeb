using P = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Protocol;

/// <summary>Instance state: the protocol's OrchestrationState and the engine's <see cref="InstanceSnapshot"/>.</summary>
public static partial class ProtoConverter
{
    /// <summary>An instance's state as the protocol message.</summary>
    public static P.OrchestrationState ToProto(InstanceSnapshot metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var proto = new P.OrchestrationState
        {
            InstanceId = metadata.InstanceId,
            Name = metadata.Name,
            OrchestrationStatus = ToProto(metadata.RuntimeStatus),
            ScheduledStartTimestamp = ToTimestamp(metadata.ScheduledStartAt?.UtcDateTime),
            CreatedTimestamp = ToTimestamp(metadata.CreatedAt.UtcDateTime),
            LastUpdatedTimestamp = ToTimestamp(metadata.LastUpdatedAt.UtcDateTime),
            CompletedTimestamp = ToTimestamp(metadata.CompletedAt?.UtcDateTime),
            Input = metadata.SerializedInput,
            Output = metadata.SerializedOutput,
            CustomStatus = metadata.SerializedCustomStatus,
            FailureDetails = metadata.FailureDetails is null ? null : ToProto(metadata.FailureDetails),
            ExecutionId = metadata.ExecutionId,
            ParentInstanceId = metadata.ParentInstanceId,
        };
        CopyTags(metadata.Tags, proto.Tags);
        return proto;
    }

    /// <summary>The protocol's state as the engine's snapshot.</summary>
    public static InstanceSnapshot ToInstanceSnapshot(P.OrchestrationState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new InstanceSnapshot(state.Name, state.InstanceId)
        {
            RuntimeStatus = ToStatus(state.OrchestrationStatus),
            CreatedAt = ToDateTime(state.CreatedTimestamp),
            LastUpdatedAt = ToDateTime(state.LastUpdatedTimestamp),
            CompletedAt = ToNullableDateTime(state.CompletedTimestamp),
            ScheduledStartAt = ToNullableDateTime(state.ScheduledStartTimestamp),
            SerializedInput = state.Input,
            SerializedOutput = state.Output,
            SerializedCustomStatus = state.CustomStatus,
            FailureDetails = ToFailureDetails(state.FailureDetails),
            ParentInstanceId = state.ParentInstanceId,
            ExecutionId = state.ExecutionId,
            Tags = ToTags(state.Tags),
        };
    }
}

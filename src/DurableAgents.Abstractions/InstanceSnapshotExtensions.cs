using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableAgents;

/// <summary>Presents the engine's <see cref="InstanceSnapshot"/> as the official client's <see cref="OrchestrationMetadata"/>.</summary>
public static class InstanceSnapshotExtensions
{
    /// <summary>The snapshot as official metadata whose Read*As helpers use <paramref name="converter"/>.</summary>
    public static OrchestrationMetadata ToOrchestrationMetadata(this InstanceSnapshot snapshot, DataConverter converter)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(converter);
        return new OrchestrationMetadata(snapshot.Name, snapshot.InstanceId)
        {
            RuntimeStatus = snapshot.RuntimeStatus.ToRuntimeStatus(),
            CreatedAt = snapshot.CreatedAt,
            LastUpdatedAt = snapshot.LastUpdatedAt,
            SerializedInput = snapshot.SerializedInput,
            SerializedOutput = snapshot.SerializedOutput,
            SerializedCustomStatus = snapshot.SerializedCustomStatus,
            FailureDetails = snapshot.FailureDetails?.ToTaskFailureDetails(),
            DataConverter = converter,
            Tags = snapshot.Tags ?? new Dictionary<string, string>(),
        };
    }
}

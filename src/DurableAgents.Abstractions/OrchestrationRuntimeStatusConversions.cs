using Microsoft.DurableTask.Client;

namespace DurableAgents;

/// <summary>
/// Converts between the engine's <see cref="OrchestrationStatus"/> and the official client's
/// <see cref="OrchestrationRuntimeStatus"/>. Both follow the durabletask protocol's numbering, but the conversion names
/// every value so a future divergence fails loudly instead of silently mislabelling instances.
/// </summary>
public static class OrchestrationRuntimeStatusConversions
{
#pragma warning disable CS0618 // Canceled is obsolete in the SDK but still a protocol value the engine can report.
    /// <summary>The engine status as the official client's status.</summary>
    public static OrchestrationRuntimeStatus ToRuntimeStatus(this OrchestrationStatus status) => status switch
    {
        OrchestrationStatus.Running => OrchestrationRuntimeStatus.Running,
        OrchestrationStatus.Completed => OrchestrationRuntimeStatus.Completed,
        OrchestrationStatus.ContinuedAsNew => OrchestrationRuntimeStatus.ContinuedAsNew,
        OrchestrationStatus.Failed => OrchestrationRuntimeStatus.Failed,
        OrchestrationStatus.Canceled => OrchestrationRuntimeStatus.Canceled,
        OrchestrationStatus.Terminated => OrchestrationRuntimeStatus.Terminated,
        OrchestrationStatus.Pending => OrchestrationRuntimeStatus.Pending,
        OrchestrationStatus.Suspended => OrchestrationRuntimeStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not an orchestration status the engine knows."),
    };

    /// <summary>The official client's status as the engine status.</summary>
    public static OrchestrationStatus ToOrchestrationStatus(this OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Running => OrchestrationStatus.Running,
        OrchestrationRuntimeStatus.Completed => OrchestrationStatus.Completed,
        OrchestrationRuntimeStatus.ContinuedAsNew => OrchestrationStatus.ContinuedAsNew,
        OrchestrationRuntimeStatus.Failed => OrchestrationStatus.Failed,
        OrchestrationRuntimeStatus.Canceled => OrchestrationStatus.Canceled,
        OrchestrationRuntimeStatus.Terminated => OrchestrationStatus.Terminated,
        OrchestrationRuntimeStatus.Pending => OrchestrationStatus.Pending,
        OrchestrationRuntimeStatus.Suspended => OrchestrationStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not an orchestration runtime status of the Durable Task SDK."),
    };
#pragma warning restore CS0618
}

namespace DurableAgents;

/// <summary>
/// The engine's record of an orchestration instance's state, as the task hub and the test host read it. Clients see it as
/// the official <see cref="Microsoft.DurableTask.Client.OrchestrationMetadata"/> (<see cref="InstanceSnapshotExtensions.ToOrchestrationMetadata"/>);
/// the record keeps what the official type has no place for (completion and scheduled start times, parent, execution id),
/// which the protocol's OrchestrationState carries.
/// </summary>
public sealed record InstanceSnapshot(string Name, string InstanceId)
{
    /// <summary>Current status.</summary>
    public OrchestrationStatus RuntimeStatus { get; init; }

    /// <summary>When the instance was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the instance last changed (UTC).</summary>
    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>When the instance reached a terminal status, if it has.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Scheduled start time, if the start was deferred.</summary>
    public DateTimeOffset? ScheduledStartAt { get; init; }

    /// <summary>The input as serialized text (only when payloads were requested).</summary>
    public string? SerializedInput { get; init; }

    /// <summary>The output as serialized text (only when payloads were requested).</summary>
    public string? SerializedOutput { get; init; }

    /// <summary>The custom status as serialized text (only when payloads were requested).</summary>
    public string? SerializedCustomStatus { get; init; }

    /// <summary>Why the instance failed, if it did (only when payloads were requested: it is part of the output).</summary>
    public FailureDetails? FailureDetails { get; init; }

    /// <summary>The parent's instance id when this is a sub-orchestration.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>The current generation's execution id.</summary>
    public string? ExecutionId { get; init; }

    /// <summary>Tags given at start.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>
    /// Set while the instance has work ready and no connected worker runs its orchestrator, saying so (for example
    /// "no connected worker handles 'Name'"); null otherwise, and always for a finished instance. The instance runs as
    /// soon as a worker that registers the name connects. Filled by the task hub engine only.
    /// </summary>
    public string? WaitingForWorker { get; init; }

    /// <summary>True while Running, Pending or Suspended.</summary>
    public bool IsRunning => RuntimeStatus is OrchestrationStatus.Running or OrchestrationStatus.Pending or OrchestrationStatus.Suspended;

    /// <summary>True when Completed, Failed, Terminated or Canceled.</summary>
    public bool IsCompleted => RuntimeStatus.IsTerminal();
}

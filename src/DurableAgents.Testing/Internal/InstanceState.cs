using DurableAgents.History;

namespace DurableAgents.Testing.Internal;

/// <summary>Everything the host keeps about one orchestration instance. Guarded by the engine's lock.</summary>
internal sealed class InstanceState(string instanceId, string name, DateTime createdAt)
{
    public string InstanceId { get; } = instanceId;

    public string Name { get; set; } = name;

    public string? Version { get; set; }

    public string ExecutionId { get; set; } = string.Empty;

    public OrchestrationStatus Status { get; set; } = OrchestrationStatus.Pending;

    public bool IsSuspended { get; set; }

    /// <summary>The current generation's committed history.</summary>
    public List<HistoryEvent> History { get; set; } = [];

    /// <summary>Events delivered to the instance and not yet given to an episode (or held while suspended).</summary>
    public List<HistoryEvent> Inbox { get; } = [];

    public bool IsQueued { get; set; }

    /// <summary>Episodes wait until virtual time reaches this (a deferred start).</summary>
    public DateTime NotBefore { get; set; }

    public string? Input { get; set; }

    public string? OriginalInput { get; set; }

    public string? Output { get; set; }

    public string? CustomStatus { get; set; }

    public FailureDetails? FailureDetails { get; set; }

    public ParentInstanceInfo? Parent { get; set; }

    public IReadOnlyDictionary<string, string>? Tags { get; set; }

    public bool TerminateRecursively { get; set; }

    public DateTime CreatedAt { get; } = createdAt;

    public DateTime LastUpdatedAt { get; set; } = createdAt;

    public DateTime? CompletedAt { get; set; }

    public DateTime? ScheduledStartAt { get; set; }

    public List<InstanceWaiter> Waiters { get; } = [];

    public Microsoft.DurableTask.Client.OrchestrationMetadata ToMetadata(bool getInputsAndOutputs, Microsoft.DurableTask.DataConverter converter) =>
        ToSnapshot(getInputsAndOutputs).ToOrchestrationMetadata(converter);

    public InstanceSnapshot ToSnapshot(bool getInputsAndOutputs) => new(Name, InstanceId)
    {
        RuntimeStatus = Status,
        CreatedAt = new DateTimeOffset(CreatedAt, TimeSpan.Zero),
        LastUpdatedAt = new DateTimeOffset(LastUpdatedAt, TimeSpan.Zero),
        CompletedAt = CompletedAt is { } completed ? new DateTimeOffset(completed, TimeSpan.Zero) : null,
        ScheduledStartAt = ScheduledStartAt is { } start ? new DateTimeOffset(start, TimeSpan.Zero) : null,
        SerializedInput = getInputsAndOutputs ? Input : null,
        SerializedOutput = getInputsAndOutputs ? Output : null,
        SerializedCustomStatus = getInputsAndOutputs ? CustomStatus : null,
        FailureDetails = getInputsAndOutputs ? FailureDetails : null, // part of the output, as the task hub engine reports it
        ParentInstanceId = Parent?.InstanceId,
        ExecutionId = ExecutionId,
        Tags = Tags,
    };
}

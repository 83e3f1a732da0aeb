using DurableAgents.History;

namespace DurableAgents.TaskHub.Storage;

/// <summary>One row of the instances table: the current state of an instance's latest execution.</summary>
/// <remarks>
/// The engine owns every value; a store persists and returns them unchanged (times are UTC).
/// <see cref="RowVersion"/> grows by one with every write of the row and is what
/// <see cref="InstanceConditionKind.RowVersionEquals"/> compares. <see cref="HistoryLength"/> is the number of
/// history rows of the current execution, so an episode never has to read history to know where to append.
/// </remarks>
public sealed record InstanceRecord
{
    /// <summary>The instance id (primary key).</summary>
    public required string InstanceId { get; init; }

    /// <summary>The current execution (generation) id; a new one starts with every ContinueAsNew or restart.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>The orchestrator name.</summary>
    public required string Name { get; init; }

    /// <summary>The orchestrator version, if one was given.</summary>
    public string? Version { get; init; }

    /// <summary>The runtime status.</summary>
    public required OrchestrationStatus Status { get; init; }

    /// <summary>The current execution's input (JSON text).</summary>
    public string? Input { get; init; }

    /// <summary>The output (JSON text) once finished; for Terminated the reason given.</summary>
    public string? Output { get; init; }

    /// <summary>The custom status (JSON text) the orchestrator set last.</summary>
    public string? CustomStatus { get; init; }

    /// <summary>Why the instance failed, when it did.</summary>
    public FailureDetails? FailureDetails { get; init; }

    /// <summary>When the instance was created (UTC).</summary>
    public required DateTime CreatedAt { get; init; }

    /// <summary>When the row last changed (UTC).</summary>
    public required DateTime LastUpdatedAt { get; init; }

    /// <summary>When the instance reached a terminal status (UTC).</summary>
    public DateTime? CompletedAt { get; init; }

    /// <summary>The deferred start time, when the start was scheduled (UTC).</summary>
    public DateTime? ScheduledStartAt { get; init; }

    /// <summary>The parent, when this is a sub-orchestration.</summary>
    public ParentInstanceInfo? Parent { get; init; }

    /// <summary>Tags given at start.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>The orchestration span the worker reported for the current execution (cleared with every new execution).</summary>
    public OrchestrationTraceContext? TraceContext { get; init; }

    /// <summary>Number of history rows of the current execution (the next append starts at this sequence number).</summary>
    public int HistoryLength { get; init; }

    /// <summary>Optimistic concurrency version: 1 for a new row, incremented by every write.</summary>
    public long RowVersion { get; init; }
}

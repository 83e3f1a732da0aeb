using DurableAgents.Converters;
using Microsoft.DurableTask;

namespace DurableAgents.Client;

/// <summary>The state of an orchestration instance as a client sees it.</summary>
public sealed record OrchestrationMetadata(string Name, string InstanceId)
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

    /// <summary>The input as JSON text (only when inputs and outputs were requested).</summary>
    public string? SerializedInput { get; init; }

    /// <summary>The output as JSON text (only when inputs and outputs were requested).</summary>
    public string? SerializedOutput { get; init; }

    /// <summary>The custom status as JSON text (only when inputs and outputs were requested).</summary>
    public string? SerializedCustomStatus { get; init; }

    /// <summary>Why the instance failed, if it did (only when inputs and outputs were requested: it is part of the output).</summary>
    public FailureDetails? FailureDetails { get; init; }

    /// <summary>The parent's instance id when this is a sub-orchestration.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>The current generation's execution id.</summary>
    public string? ExecutionId { get; init; }

    /// <summary>Tags given at start.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>The converter used by the Read*As helpers.</summary>
    public DataConverter DataConverter { get; init; } = WebJsonDataConverter.Default;

    /// <summary>True while Running, Pending or Suspended.</summary>
    public bool IsRunning => RuntimeStatus is OrchestrationStatus.Running or OrchestrationStatus.Pending or OrchestrationStatus.Suspended;

    /// <summary>True when Completed, Failed, Terminated or Canceled.</summary>
    public bool IsCompleted => RuntimeStatus.IsTerminal();

    /// <summary>The input converted to <typeparamref name="T"/>.</summary>
    public T? ReadInputAs<T>() => DataConverter.Deserialize<T>(SerializedInput);

    /// <summary>The output converted to <typeparamref name="T"/>.</summary>
    public T? ReadOutputAs<T>() => DataConverter.Deserialize<T>(SerializedOutput);

    /// <summary>The custom status converted to <typeparamref name="T"/>.</summary>
    public T? ReadCustomStatusAs<T>() => DataConverter.Deserialize<T>(SerializedCustomStatus);
}

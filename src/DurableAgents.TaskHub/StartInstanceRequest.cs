namespace DurableAgents.TaskHub;

/// <summary>What to start: an orchestrator by name, with optional id, input, version, start time and tags.</summary>
/// <param name="Name">The orchestrator name.</param>
public sealed record StartInstanceRequest(string Name)
{
    /// <summary>The instance id; a new GUID (N format) when null or empty.</summary>
    public string? InstanceId { get; init; }

    /// <summary>The input as JSON text.</summary>
    public string? Input { get; init; }

    /// <summary>The orchestrator version.</summary>
    public string? Version { get; init; }

    /// <summary>Start no earlier than this time; null (or a time in the past) starts at once.</summary>
    public DateTimeOffset? ScheduledStartTime { get; init; }

    /// <summary>Tags recorded with the instance.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>The caller's span; recorded in ExecutionStarted so the worker's orchestration span joins its trace.</summary>
    public History.TraceContext? ParentTraceContext { get; init; }
}

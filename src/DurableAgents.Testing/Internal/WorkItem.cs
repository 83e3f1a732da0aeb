namespace DurableAgents.Testing.Internal;

/// <summary>Something the host's dispatcher runs next, in FIFO order.</summary>
internal abstract record WorkItem(string InstanceId);

/// <summary>Run an episode over the instance's waiting inbox events.</summary>
internal sealed record OrchestrationWorkItem(string InstanceId) : WorkItem(InstanceId);

/// <summary>Run one scheduled activity of a given execution.</summary>
internal sealed record ActivityWorkItem(string InstanceId, string ExecutionId, int TaskId, string Name, string? Version, string? Input)
    : WorkItem(InstanceId);

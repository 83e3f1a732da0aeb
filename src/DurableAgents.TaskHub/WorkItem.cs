namespace DurableAgents.TaskHub;

/// <summary>Work handed to a connected worker; answer it with the engine's Complete/Abandon methods and <see cref="CompletionToken"/>.</summary>
/// <param name="InstanceId">The orchestration instance.</param>
/// <param name="ExecutionId">The instance's execution (generation).</param>
/// <param name="CompletionToken">Identifies this hand-out; a completion with an old token is rejected.</param>
public abstract record WorkItem(string InstanceId, string ExecutionId, string CompletionToken);

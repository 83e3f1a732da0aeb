namespace DurableAgents.Worker.Caching;

/// <summary>Identifies one generation of an orchestration instance in the replay cache.</summary>
internal readonly record struct SessionKey(string InstanceId, string ExecutionId);

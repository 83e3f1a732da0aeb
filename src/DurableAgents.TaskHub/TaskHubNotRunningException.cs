namespace DurableAgents.TaskHub;

/// <summary>The engine was used before <see cref="TaskHubEngine.StartAsync"/> finished or after it stopped.</summary>
public sealed class TaskHubNotRunningException(string state)
    : InvalidOperationException($"The task hub engine is {state}. Start it (StartAsync, or run it as a hosted service) before calling it, and do not call it after StopAsync.")
{
}

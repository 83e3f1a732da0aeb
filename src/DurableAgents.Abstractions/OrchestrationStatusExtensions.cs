namespace DurableAgents;

/// <summary>Helpers over <see cref="OrchestrationStatus"/>.</summary>
public static class OrchestrationStatusExtensions
{
    /// <summary>True when the instance will make no further progress on its own.</summary>
    public static bool IsTerminal(this OrchestrationStatus status) => status is
        OrchestrationStatus.Completed or OrchestrationStatus.Failed or
        OrchestrationStatus.Terminated or OrchestrationStatus.Canceled;
}

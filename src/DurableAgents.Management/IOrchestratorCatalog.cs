namespace DurableAgents.Management;

/// <summary>
/// Tells the management API which orchestrator names the connected workers have registered, so that a start request
/// for an unknown name is refused with 400 instead of creating an instance nobody will run, and which instances wait
/// for a worker that runs their orchestrator.
/// </summary>
public interface IOrchestratorCatalog
{
    /// <summary>
    /// Returns true with the known names when they are known; false when they cannot be known right now
    /// (then the API skips the check).
    /// </summary>
    bool TryGetKnownNames(out IReadOnlyCollection<string> names);

    /// <summary>
    /// Why the instance's ready work is not running because no connected worker runs its orchestrator (for example
    /// "no connected worker handles 'Name'"), or null. The status route shows it as <c>waitingForWorker</c>.
    /// </summary>
    string? GetWaitingForWorker(string instanceId) => null;
}

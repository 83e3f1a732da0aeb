using DurableAgents.Management;
using DurableAgents.TaskHub;

namespace DurableAgents.Sidecar.Hosting;

/// <summary>
/// The orchestrator names the connected workers declared (unknown while no worker is connected or one declared none),
/// and the engine's word on instances that wait for a worker that runs their orchestrator.
/// </summary>
internal sealed class EngineOrchestratorCatalog(TaskHubEngine engine) : IOrchestratorCatalog
{
    public bool TryGetKnownNames(out IReadOnlyCollection<string> names)
    {
        // With no worker (or one that runs any name), a start may still be run later: do not refuse names.
        if (!engine.IsRunning || engine.ConnectedWorkerCount == 0 || engine.HasWorkerWithoutDeclaredNames)
        {
            names = [];
            return false;
        }

        names = engine.KnownOrchestratorNames;
        return true;
    }

    public string? GetWaitingForWorker(string instanceId) => engine.IsRunning ? engine.GetWaitingForWorker(instanceId) : null;
}

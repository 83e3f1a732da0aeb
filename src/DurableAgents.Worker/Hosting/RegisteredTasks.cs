using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;

namespace DurableAgents.Worker.Hosting;

/// <summary>
/// The orchestrators and activities of one worker: created through the SDK's factory, named from its registry (for
/// the sidecar's work-item filters and for the "not registered" message).
/// </summary>
internal sealed class RegisteredTasks(IDurableTaskFactory factory, DurableTaskRegistry registry)
{
    public IReadOnlyList<string> OrchestratorNames { get; } = registry.GetOrchestrators().Select(o => o.Key.Name).ToList();

    public IReadOnlyList<string> ActivityNames { get; } = registry.GetActivities().Select(a => a.Key.Name).ToList();

    public bool TryCreateOrchestrator(string name, IServiceProvider services, out ITaskOrchestrator? orchestrator) =>
        factory.TryCreateOrchestrator(new TaskName(name), services, out orchestrator);

    public bool TryCreateActivity(string name, IServiceProvider services, out ITaskActivity? activity) =>
        factory.TryCreateActivity(new TaskName(name), services, out activity);
}

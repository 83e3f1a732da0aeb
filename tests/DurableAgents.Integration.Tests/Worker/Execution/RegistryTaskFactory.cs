using System.Diagnostics.CodeAnalysis;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;

namespace DurableAgents.Integration.Tests.Worker.Execution;

/// <summary>Creates the tasks of a <see cref="DurableTaskRegistry"/> by name, as the SDK's worker builder does for a build target.</summary>
internal sealed class RegistryTaskFactory(DurableTaskRegistry registry) : IDurableTaskFactory
{
    private readonly Dictionary<string, Func<IServiceProvider, ITaskOrchestrator>> _orchestrators =
        registry.GetOrchestrators().ToDictionary(o => o.Key.Name, o => o.Value, StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> _activities =
        registry.GetActivities().ToDictionary(a => a.Key.Name, a => a.Value, StringComparer.OrdinalIgnoreCase);

    public bool TryCreateActivity(TaskName name, IServiceProvider serviceProvider, [NotNullWhen(true)] out ITaskActivity? activity)
    {
        activity = _activities.TryGetValue(name.Name, out var create) ? create(serviceProvider) : null;
        return activity is not null;
    }

    public bool TryCreateOrchestrator(TaskName name, IServiceProvider serviceProvider, [NotNullWhen(true)] out ITaskOrchestrator? orchestrator)
    {
        orchestrator = _orchestrators.TryGetValue(name.Name, out var create) ? create(serviceProvider) : null;
        return orchestrator is not null;
    }
}

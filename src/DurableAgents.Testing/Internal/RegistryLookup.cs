using System.Diagnostics.CodeAnalysis;
using Microsoft.DurableTask;

namespace DurableAgents.Testing.Internal;

/// <summary>The registrations of the SDK's <see cref="DurableTaskRegistry"/> by name, without regard to case as the SDK matches them.</summary>
internal sealed class RegistryLookup(DurableTaskRegistry registry)
{
    private readonly Dictionary<string, Func<IServiceProvider, ITaskOrchestrator>> _orchestrators =
        registry.GetOrchestrators().ToDictionary(o => o.Key.Name, o => o.Value, StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> _activities =
        registry.GetActivities().ToDictionary(a => a.Key.Name, a => a.Value, StringComparer.OrdinalIgnoreCase);

    public bool TryGetOrchestrator(string name, [NotNullWhen(true)] out Func<IServiceProvider, ITaskOrchestrator>? factory) =>
        _orchestrators.TryGetValue(name, out factory);

    public bool TryGetActivity(string name, [NotNullWhen(true)] out Func<IServiceProvider, ITaskActivity>? factory) =>
        _activities.TryGetValue(name, out factory);
}

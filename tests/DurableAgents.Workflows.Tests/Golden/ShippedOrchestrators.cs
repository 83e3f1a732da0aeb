using DurableAgents.History;
using DurableAgents.Workflows.DependencyInjection;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Workflows.Tests.Golden;

/// <summary>The current code of the shipped orchestrators, created as the worker creates them (from the registry).</summary>
internal static class ShippedOrchestrators
{
    private static readonly ServiceProvider Services = new ServiceCollection().BuildServiceProvider();

    /// <summary>The orchestrator the history's ExecutionStarted event names.</summary>
    public static ITaskOrchestrator For(IReadOnlyList<HistoryEvent> history)
    {
        string name = history.OfType<ExecutionStartedEvent>().First().Name;
        var registry = new DurableTaskRegistry().AddShippedWorkflows();
        KeyValuePair<TaskName, Func<IServiceProvider, ITaskOrchestrator>> registration =
            registry.GetOrchestrators().SingleOrDefault(o => o.Key.Name == name);
        Assert.True(registration.Value is not null, $"No shipped orchestrator is registered as '{name}'.");
        return registration.Value(Services);
    }
}

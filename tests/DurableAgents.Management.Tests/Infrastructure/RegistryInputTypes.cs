using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Management.Tests.Infrastructure;

/// <summary>
/// The input types of the test orchestrations, read from the SDK's registry the way a host reads its own (each
/// factory's orchestrator's InputType), with web JSON options; only the listed names are known.
/// </summary>
internal sealed class RegistryInputTypes : IOrchestratorInputTypes
{
    private readonly Dictionary<string, Type> _types = new(StringComparer.OrdinalIgnoreCase);

    public RegistryInputTypes(params string[] known)
    {
        var registry = new DurableTaskRegistry();
        TestOrchestrations.Register(registry);
        using ServiceProvider services = new ServiceCollection().BuildServiceProvider();
        foreach (KeyValuePair<TaskName, Func<IServiceProvider, ITaskOrchestrator>> registration in registry.GetOrchestrators())
        {
            if (known.Contains(registration.Key.Name, StringComparer.OrdinalIgnoreCase))
            {
                _types[registration.Key.Name] = registration.Value(services).InputType;
            }
        }
    }

    public JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.Web);

    public bool TryGetInputType(string orchestratorName, [NotNullWhen(true)] out Type? inputType) =>
        _types.TryGetValue(orchestratorName, out inputType);
}

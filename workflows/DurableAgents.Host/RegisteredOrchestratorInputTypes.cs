using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using DurableAgents.Converters;
using DurableAgents.Management;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DurableAgents.Host;

/// <summary>
/// The input types of the orchestrators this host's worker registered, so the management API can refuse a start whose
/// input the orchestrator could not read. Read once, on first use, from the SDK's registry: each registered factory
/// creates its orchestrator (in a scope of its own) and reports <see cref="ITaskOrchestrator.InputType"/>. Known only
/// while the worker reads inputs with <see cref="WebJsonDataConverter"/>, whose options the check then reads with; with
/// any other converter the API cannot read inputs as the worker would, and accepts any JSON.
/// </summary>
internal sealed class RegisteredOrchestratorInputTypes(
    IServiceProvider services,
    IOptionsMonitor<DurableTaskRegistry> registries,
    IOptionsMonitor<DurableTaskWorkerOptions> workerOptions) : IOrchestratorInputTypes
{
    private readonly Lazy<Dictionary<string, Type>> _types = new(() => Read(services, registries.Get(Options.DefaultName)));

    private WebJsonDataConverter? Converter => workerOptions.Get(Options.DefaultName).DataConverter as WebJsonDataConverter;

    public JsonSerializerOptions SerializerOptions => Converter?.Options ?? JsonSerializerOptions.Web;

    public bool TryGetInputType(string orchestratorName, [NotNullWhen(true)] out Type? inputType)
    {
        inputType = null;
        return Converter is not null && _types.Value.TryGetValue(orchestratorName, out inputType);
    }

    private static Dictionary<string, Type> Read(IServiceProvider services, DurableTaskRegistry registry)
    {
        var types = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        using IServiceScope scope = services.CreateScope();
        foreach (KeyValuePair<TaskName, Func<IServiceProvider, ITaskOrchestrator>> registration in registry.GetOrchestrators())
        {
            try
            {
                types[registration.Key.Name] = registration.Value(scope.ServiceProvider).InputType;
            }
#pragma warning disable CA1031 // An orchestrator that cannot be created here stays unknown: its starts are not checked.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        return types;
    }
}

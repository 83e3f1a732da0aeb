using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace DurableAgents.Management;

/// <summary>
/// Tells the management API the input types of the orchestrators the host runs, so that a start whose body cannot be
/// read as the orchestrator's input type is refused with 400 before an instance exists. Orchestrators it does not know
/// keep accepting any JSON. The host fills it from its worker's registrations (the SDK's <c>ITaskOrchestrator.InputType</c>).
/// </summary>
public interface IOrchestratorInputTypes
{
    /// <summary>The options the host's data converter reads orchestrator inputs with.</summary>
    JsonSerializerOptions SerializerOptions { get; }

    /// <summary>
    /// Returns true with the input type of <paramref name="orchestratorName"/> (matched without regard to case, as the
    /// SDK matches names) when the host knows it.
    /// </summary>
    bool TryGetInputType(string orchestratorName, [NotNullWhen(true)] out Type? inputType);
}

using System.Text.Json;
using DurableAgents.Conformance.Tests.Infrastructure;

namespace DurableAgents.Conformance.Tests.Scenarios;

using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

/// <summary>
/// Durable Task semantics stated as scenarios. Every scenario drives the orchestrators below through a
/// <see cref="DurableTaskClient"/> and asserts both the outcome and the shape of the history the sidecar recorded.
/// A concrete class per executor (official SDK worker, our worker) supplies the <see cref="ConformanceFixture"/>.
/// </summary>
public abstract partial class ConformanceScenarios
{
    // Payloads in history are the SDK's JSON; reading them back should not depend on its property casing.
    private static readonly JsonSerializerOptions HistoryJson = new() { PropertyNameCaseInsensitive = true };

    private readonly ConformanceFixture _fixture;

    /// <summary>Binds the scenarios to an executor's fixture.</summary>
    protected ConformanceScenarios(ConformanceFixture fixture) => _fixture = fixture;

    /// <summary>The shared environment's client.</summary>
    protected DurableTaskClient Client => _fixture.Shared.Client;

    /// <summary>Registers every orchestrator and activity the scenarios use; the executor's worker hosts them.</summary>
    public static void RegisterTasks(DurableTaskRegistry registry)
    {
        RegisterActivityScenarios(registry);
        RegisterFailureScenarios(registry);
        RegisterTimerScenarios(registry);
        RegisterEventScenarios(registry);
        RegisterSubOrchestrationScenarios(registry);
        RegisterContinueAsNewScenarios(registry);
        RegisterManagementScenarios(registry);
        RegisterLimitScenarios(registry);
        RegisterLargeResultScenarios(registry);
        RegisterProtocolFieldScenarios(registry);
    }

    /// <summary>A fresh instance id that names the scenario, so a failing run is easy to find in logs.</summary>
    protected static string NewInstanceId(string scenario) => $"{scenario}-{Guid.NewGuid():N}";

    /// <summary>Starts <paramref name="orchestrator"/> on the shared environment and waits for it to finish.</summary>
    protected Task<OrchestrationMetadata> RunAsync(string orchestrator, object? input, string instanceId) =>
        RunAsync(Client, orchestrator, input, instanceId);

    /// <summary>Starts <paramref name="orchestrator"/> through <paramref name="client"/> and waits for it to finish.</summary>
    protected static async Task<OrchestrationMetadata> RunAsync(DurableTaskClient client, string orchestrator, object? input, string instanceId)
    {
        await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId), TestDeadline.Token());
        return await WaitForCompletionAsync(client, instanceId);
    }

    /// <summary>Starts an instance without waiting for it.</summary>
    protected Task StartAsync(string orchestrator, object? input, string instanceId) =>
        Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId), TestDeadline.Token());

    /// <summary>Waits for the instance to reach a terminal state (with inputs and outputs).</summary>
    protected Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId) => WaitForCompletionAsync(Client, instanceId);

    /// <summary>Waits for the instance to reach a terminal state (with inputs and outputs).</summary>
    protected static Task<OrchestrationMetadata> WaitForCompletionAsync(DurableTaskClient client, string instanceId) =>
        client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, TestDeadline.Token());

    /// <summary>The instance's recorded history in the shared environment.</summary>
    protected Task<HistoryShape> HistoryAsync(string instanceId) => _fixture.Shared.ReadHistoryAsync(instanceId, TestDeadline.Token());

    /// <summary>Starts an environment of its own (own sidecar and database) for scenarios that restart or reconfigure the sidecar.</summary>
    protected Task<ConformanceEnvironment> StartDedicatedEnvironmentAsync(ConformanceEnvironmentOptions options) =>
        _fixture.StartEnvironmentAsync(options);

    /// <summary>Waits until the instance reports <paramref name="status"/>.</summary>
    protected Task WaitForStatusAsync(string instanceId, OrchestrationRuntimeStatus status) =>
        TestDeadline.UntilAsync(
            async () => (await Client.GetInstanceAsync(instanceId, TestDeadline.Token()))?.RuntimeStatus == status,
            $"instance {instanceId} to be {status}");

    /// <summary>Reads an activity input recorded in history, in the form the executor records it (see the fixture).</summary>
    protected T ReadActivityInput<T>(string json) =>
        _fixture.RecordsActivityInputAsParameterArray ? ReadJson<T[]>(json)![0] : ReadJson<T>(json)!;

    /// <summary>Reads a JSON payload recorded in history.</summary>
    protected static T? ReadJson<T>(string json) => JsonSerializer.Deserialize<T>(json, HistoryJson);
}

using Microsoft.DurableTask.Client;
using DurableAgents.Workflows.Research;
using DurableAgents.Workflows.Supervisor;

namespace DurableAgents.Host.Tests.Infrastructure;

/// <summary>
/// One all-in-one host that requires an API key, shared by a test class, with a completed research run (which also
/// shows the worker got the key from the host) and a supervisor run that stays Running while it waits for approval.
/// </summary>
// xunit disposes the fields through IAsyncLifetime.DisposeAsync.
#pragma warning disable CA1001
public sealed class ApiKeyHostFixture : IAsyncLifetime
#pragma warning restore CA1001
{
    public const string ApiKey = "host-tests-key-6f2d";

    private readonly HostSetup _setup = new() { ApiKey = ApiKey };
    private RunningHost? _host;

    internal RunningHost Host => _host!;

    internal HostSetup Setup => _setup;

    /// <summary>A ResearchAssistantWorkflow instance that completed.</summary>
    public string CompletedId { get; private set; } = string.Empty;

    /// <summary>A SupervisorWorkflow instance waiting for an approval (Running until answered).</summary>
    public string RunningId { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        _host = await _setup.StartAsync();
        CompletedId = await RunResearchToCompletionAsync();
        RunningId = await Host.Api.StartInstanceAsync(
            SupervisorWorkflow.OrchestratorName, new { request = "Research heat pumps and write a summary", riskyCapabilities = new[] { "writing" } });
        await Host.Api.WaitForApprovalAsync(RunningId);
    }

    /// <summary>Starts a research run (optionally under <paramref name="instanceId"/>) and waits until it completed.</summary>
    public async Task<string> RunResearchToCompletionAsync(string? instanceId = null)
    {
        string id = await Host.Api.StartInstanceAsync(ResearchAssistantWorkflow.OrchestratorName, new { topic = "Heat pumps in cold climates" }, instanceId);
        OrchestrationMetadata done = await Host.Client.WaitForInstanceCompletionAsync(id, cancellation: Deadline.Token());
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"Research run {id} ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        return id;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _setup.Dispose();
    }
}

using DurableAgents.History;
using DurableAgents.Approvals;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableAgents.Testing;

namespace DurableAgents.Management.Tests.Infrastructure;

/// <summary>An in-memory test host running <see cref="TestOrchestrations"/> and the management API over its client.</summary>
internal sealed class ManagementFixture : IAsyncDisposable
{
    /// <summary>How long any wait in these tests may take before it counts as a failure (generous: the machine is busy).</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly DurableTaskTestHost _host;

    private ManagementFixture(DurableTaskTestHost host, ManagementServer server)
    {
        _host = host;
        Server = server;
    }

    public DurableTaskClient Client => _host.Client;

    public ManagementServer Server { get; }

    public HttpClient Http => Server.Http;

    public static string NewId() => Guid.NewGuid().ToString("N");

    public static async Task<ManagementFixture> StartAsync(
        IDictionary<string, string?>? configuration = null, IOrchestratorCatalog? catalog = null, bool includeEnvironment = true,
        IOrchestratorInputTypes? inputTypes = null)
    {
        DurableTaskTestHost host = DurableTaskTestHost.Start(TestOrchestrations.Register);
        try
        {
            ManagementServer server = await ManagementServer.StartAsync(host.Client, new TestHostHistoryReader(host), configuration, catalog, includeEnvironment, inputTypes);
            return new ManagementFixture(host, server);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts an instance through the client (not the API under test).</summary>
    public Task<string> StartAsync(string orchestrator, object? input = null, string? instanceId = null) =>
        Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId ?? NewId()));

    /// <summary>The instance's history as the engine's records (what the history endpoint renders).</summary>
    public Task<IList<HistoryEvent>> GetHistoryAsync(string instanceId) => _host.GetHistoryAsync(instanceId);

    /// <summary>The current execution's id, from its ExecutionStarted event.</summary>
    public async Task<string?> ExecutionIdAsync(string instanceId) =>
        (await _host.GetHistoryAsync(instanceId)).OfType<ExecutionStartedEvent>().LastOrDefault()?.ExecutionId;

    /// <summary>Moves the host's virtual clock forward, firing the durable timers that fall due.</summary>
    public Task AdvanceTimeAsync(TimeSpan by) => _host.AdvanceTimeAsync(by);

    /// <summary>Waits until the instance's state satisfies <paramref name="condition"/>.</summary>
    public async Task<OrchestrationMetadata> WaitUntilAsync(string instanceId, Func<OrchestrationMetadata, bool> condition)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            OrchestrationMetadata? metadata = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, deadline.Token);
            if (metadata is not null && condition(metadata))
            {
                return metadata;
            }

            // Polling the in-memory client on a short interval: the condition is what the test waits for.
            await Task.Delay(TimeSpan.FromMilliseconds(10), deadline.Token);
        }
    }

    /// <summary>Waits until the instance publishes that it waits for an approval.</summary>
    public Task<OrchestrationMetadata> WaitForApprovalAsync(string instanceId) =>
        WaitUntilAsync(instanceId, m => ApprovalCustomStatus.TryParse(m.SerializedCustomStatus, out ApprovalCustomStatus? status) && status.WaitingForApproval is not null);

    public async Task<List<OrchestrationMetadata>> ListAllInstancesAsync()
    {
        var all = new List<OrchestrationMetadata>();
        await foreach (OrchestrationMetadata metadata in Client.GetAllInstancesAsync())
        {
            all.Add(metadata);
        }

        return all;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await _host.DisposeAsync();
    }
}

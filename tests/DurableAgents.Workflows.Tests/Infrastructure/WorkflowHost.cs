using DurableAgents.Agents;
using Microsoft.DurableTask.Client;
using DurableAgents.History;
using DurableAgents.Testing;
using DurableAgents.Workflows.DependencyInjection;
using DurableAgents.Workflows.SideEffects;
using DurableAgents.Workflows.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Workflows.Tests.Infrastructure;

/// <summary>
/// The shipped workflows on the in-process test host (virtual time), registered with the two public calls and the
/// shipped sample configuration, with every model call counted.
/// </summary>
internal sealed class WorkflowHost : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly ChatClientFactory _realClients;

    private WorkflowHost(DurableTaskTestHost host, ChatClientFactory realClients, CountingChatClientFactory models, ISideEffectLedger ledger)
    {
        Host = host;
        _realClients = realClients;
        Models = models;
        Ledger = ledger;
    }

    public static string SampleConfigurationPath => Path.Combine(AppContext.BaseDirectory, "agents.appsettings.json");

    public DurableTaskTestHost Host { get; }

    public DurableTaskClient Client => Host.Client;

    public CountingChatClientFactory Models { get; }

    public ISideEffectLedger Ledger { get; }

    public static WorkflowHost Start(Action<WorkflowHostSetup>? configure = null)
    {
        var setup = new WorkflowHostSetup();
        configure?.Invoke(setup);
        IConfiguration configuration = new ConfigurationBuilder()
            .AddJsonFile(SampleConfigurationPath)
            .AddInMemoryCollection(setup.Settings)
            .Build();
        AgentsOptions agentsOptions = configuration.GetSection(AgentsOptions.SectionName).Get<AgentsOptions>() ?? new AgentsOptions();
        var realClients = new ChatClientFactory(agentsOptions, bedrockCredentials: setup.BedrockCredentials);
        var models = new CountingChatClientFactory(realClients, setup.Models);
        DurableTaskTestHost host = DurableTaskTestHost.Start(
            tasks => tasks.AddShippedWorkflows(),
            services =>
            {
                // Registered first, so AddShippedWorkflowServices keeps them (it only adds what is missing).
                services.AddSingleton<IChatClientFactory>(models);
                services.AddSingleton(setup.Ledger);
                services.AddShippedWorkflowServices(configuration);
            },
            new DurableTaskTestHostOptions { LoggerFactory = setup.LoggerFactory });
        return new WorkflowHost(host, realClients, models, setup.Ledger);
    }

    public async Task<string> StartAsync(string orchestrator, object input)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        return await Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, cancellation: timeout.Token);
    }

    public async Task<OrchestrationMetadata> CompletionAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    public async Task<OrchestrationMetadata> RunAsync(string orchestrator, object input) =>
        await CompletionAsync(await StartAsync(orchestrator, input));

    /// <summary>The instance's state now, without moving virtual time.</summary>
    public async Task<OrchestrationMetadata> StateAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        await Host.WaitForIdleAsync(timeout.Token);
        return await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, timeout.Token)
            ?? throw new InvalidOperationException($"Instance {instanceId} does not exist.");
    }

    public async Task<IList<HistoryEvent>> HistoryAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        return await Host.GetHistoryAsync(instanceId).WaitAsync(timeout.Token);
    }

    public async Task<IReadOnlyList<string>> LedgerOperationsAsync() =>
        (await Ledger.GetEntriesAsync()).Select(e => e.Operation).ToList();

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _realClients.Dispose();
    }
}

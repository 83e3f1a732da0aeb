using DurableAgents.Agents;
using DurableAgents.Workflows.DependencyInjection;
using DurableAgents.Workflows.SideEffects;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Workflows.Tests.Infrastructure;

public sealed class RegistrationTests
{
    [Fact]
    public void AddShippedWorkflows_RegistersOrchestratorsAndEveryActivityTheyCall()
    {
        var registry = new DurableTaskRegistry().AddShippedWorkflows();

        Assert.Equal(
            ["CustomerSupportWorkflow", "RefundSaga", "ResearchAssistantWorkflow", "ResearchTeam", "SupervisorWorkflow", "SupportTriage"],
            registry.GetOrchestrators().Select(o => o.Key.Name).Order(StringComparer.Ordinal));
        Assert.Equal(
            [
                "CancelTicket", "CreateTicket", "DescribeAgents", "HoldRefundFunds", "InvokeAgent", "IssueRefund", "NotifyRefund",
                "PublishReport", "ReleaseRefundFunds", "ResolveTicket", "ReverseRefund", "UnpublishReport", "ValidateRefund",
            ],
            registry.GetActivities().Select(a => a.Key.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AddShippedWorkflows_AgentActivitiesAlreadyAdded_DoesNotAddThemTwice()
    {
        var registry = new DurableTaskRegistry().AddAgentActivities().AddShippedWorkflows();

        Assert.Single(registry.GetActivities(), a => a.Key.Name == InvokeAgentActivity.ActivityName);
    }

    [Fact]
    public async Task AddShippedWorkflowServices_SampleConfiguration_ResolvesEveryAgentAndTheLedger()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddJsonFile(WorkflowHost.SampleConfigurationPath).Build();
        await using ServiceProvider services = new ServiceCollection().AddShippedWorkflowServices(configuration).BuildServiceProvider();

        IAgentRegistry agents = services.GetRequiredService<IAgentRegistry>();
        Assert.Equal(
            [
                "analyst", "billing-specialist", "cheap", "classifier", "compliance", "data-fetch", "planner", "researcher",
                "synthesizer", "technical-specialist", "writer",
            ],
            agents.Agents.Select(a => a.Name).Order(StringComparer.Ordinal));
        Assert.All(agents.Agents, a => Assert.Equal(ModelProviders.Offline, a.Provider));
        Assert.All(agents.Agents, a => Assert.False(string.IsNullOrWhiteSpace(a.Model)));
        Assert.IsType<InMemorySideEffectLedger>(services.GetRequiredService<ISideEffectLedger>());
    }

    [Fact]
    public async Task AddShippedWorkflowServices_LedgerPath_UsesFileLedger()
    {
        string path = Path.Combine(Path.GetTempPath(), "da-ledger-" + Guid.NewGuid().ToString("N") + ".jsonl");
        IConfiguration configuration = new ConfigurationBuilder()
            .AddJsonFile(WorkflowHost.SampleConfigurationPath)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Workflows:LedgerPath"] = path })
            .Build();
        await using (ServiceProvider services = new ServiceCollection().AddShippedWorkflowServices(configuration).BuildServiceProvider())
        {
            ISideEffectLedger ledger = services.GetRequiredService<ISideEffectLedger>();
            Assert.IsType<FileSideEffectLedger>(ledger);
            await ledger.RecordOnceAsync("i:1", "CreateTicket", "TCK-1");
        }

        Assert.Single(File.ReadAllLines(path));
        File.Delete(path);
    }

    [Fact]
    public void Readme_ShowsTheSampleConfigurationVerbatim()
    {
        string sample = File.ReadAllText(WorkflowHost.SampleConfigurationPath).TrimEnd();
        string readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Workflows.README.md"));

        Assert.Contains("```json\n" + sample + "\n```", readme, StringComparison.Ordinal);
    }
}

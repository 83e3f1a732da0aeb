using System.Text.RegularExpressions;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Workflows.Research;

namespace DurableAgents.Host.Tests.Logging;

/// <summary>
/// The console log of the host executable is what the "Serilog" section of the shipped appsettings.json says: its output
/// template (with the instance id) and its levels, which the command line overrides like any other setting.
/// </summary>
public sealed partial class ConsoleLogSettingsTests
{
    [Fact]
    public void ShippedSettings_ConsoleTemplate_ShowsTheInstanceId()
    {
        string? template = ShippedConfiguration.Load()["Serilog:WriteTo:0:Args:outputTemplate"];

        Assert.Contains("{InstanceId}", template, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostProcess_ShippedTemplateAndLevelOverride_AgentCallLineShowsInstanceIdAndEngineLinesAreSilenced()
    {
        using var setup = new HostSetup();
        await using HostProcessSession host = HostProcessSession.Start(
            "--Sidecar:GrpcEndpoint=" + setup.GrpcEndpoint,
            "--Sidecar:HttpEndpoint=" + setup.HttpEndpoint,
            "--TaskHub:Sqlite:DataSource=" + setup.DatabasePath,
            "--Workflows:LedgerPath=" + setup.LedgerPath,
            // Information in the shipped file: the engine's start line would be printed before the sidecar's.
            "--Serilog:MinimumLevel:Override:DurableAgents.TaskHub=Warning");
        await host.WaitForLineAsync(line => line.Contains("Sidecar listening", StringComparison.Ordinal), "the sidecar's start");

        using var api = new ManagementApi(setup.HttpAddress, apiKey: null);
        string id = await api.StartInstanceAsync(ResearchAssistantWorkflow.OrchestratorName, new { topic = "Heat pumps in cold climates" });

        // The agent call's line does not name the instance in its message: the id comes from the worker's scope, and is
        // shown where the shipped template puts it.
        await host.WaitForLineAsync(
            line => AgentAnsweredLine().Match(line) is { Success: true } match && match.Groups["id"].Value == id,
            $"an agent call line of instance {id} with the shipped template");
        Assert.DoesNotContain(host.Lines, line => line.Contains("] DurableAgents.TaskHub", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^\[\d\d:\d\d:\d\d INF (?<id>\S+)\] DurableAgents\.Agents\.InvokeAgentActivity: Agent ")]
    private static partial Regex AgentAnsweredLine();
}

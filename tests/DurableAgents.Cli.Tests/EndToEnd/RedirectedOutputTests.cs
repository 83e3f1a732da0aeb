using DurableAgents.Cli.Tests.Infrastructure;
using Microsoft.DurableTask;

namespace DurableAgents.Cli.Tests.EndToEnd;

/// <summary>The real executable writing into pipes: no colour codes, even when TERM says the terminal could show them.</summary>
[Collection(SharedSidecarDefinition.Name)]
public sealed class RedirectedOutputTests(SharedSidecar shared)
{
    private static readonly Dictionary<string, string> ColourTerminal = new() { ["TERM"] = "xterm-256color", ["COLORTERM"] = "truecolor" };

    [Fact]
    public async Task List_OutputPiped_HasNoEscapeCodes()
    {
        string id = SidecarHost.NewId("piped");
        await shared.Host.Client.ScheduleNewOrchestrationInstanceAsync(TestOrchestrations.Hello, new { name = "pi" }, new StartOrchestrationOptions(id));
        await shared.Host.WaitForCompletionAsync(id);

        CliResult result = await CliProcess.RunAsync(ColourTerminal, "--sidecar", shared.Host.GrpcAddress, "list", "--prefix", id);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.Output.Split('\n'), line => line.Contains(id, StringComparison.Ordinal) && line.Contains("Completed", StringComparison.Ordinal));
        Assert.DoesNotContain('\u001b', result.Output);
    }

    [Fact]
    public async Task Error_StandardErrorPiped_HasNoEscapeCodes()
    {
        CliResult result = await CliProcess.RunAsync(ColourTerminal, "--sidecar", $"http://127.0.0.1:{ClosedPort.Get()}", "list");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.StartsWith("error: no sidecar is listening", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', result.Error);
    }
}

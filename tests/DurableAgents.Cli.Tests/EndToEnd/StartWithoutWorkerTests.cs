using DurableAgents.Cli.Tests.Infrastructure;

namespace DurableAgents.Cli.Tests.EndToEnd;

/// <summary>A start that no connected worker can run is accepted (a worker may register the name later), but not silently.</summary>
public sealed class StartWithoutWorkerTests
{
    [Fact]
    public async Task Start_OverHttpNoConnectedWorkerRunsTheName_WarnsAndExitsZero()
    {
        await using SidecarHost host = await SidecarHost.StartAsync(withWorker: false);
        string id = SidecarHost.NewId("nobody");

        CliResult result = await CliRunner.RunAsync("--http", host.HttpAddress, "start", "NoSuch", "--id", id);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"Started instance {id} of 'NoSuch'.", result.Output.Trim());
        Assert.Contains(
            $"warning: no connected worker handles 'NoSuch': instance {id} stays Pending until a worker that registers 'NoSuch' connects.",
            result.Error,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OverHttpWithJson_CarriesTheWaitInTheResult()
    {
        await using SidecarHost host = await SidecarHost.StartAsync(withWorker: false);

        CliResult result = await CliRunner.RunAsync("--http", host.HttpAddress, "--json", "start", "NoSuch");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\"waitingForWorker\": \"no connected worker handles 'NoSuch'\"", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("warning:", result.Error, StringComparison.Ordinal);
    }
}

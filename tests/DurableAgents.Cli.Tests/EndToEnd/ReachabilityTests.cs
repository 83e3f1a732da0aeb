using System.Text.Json;
using DurableAgents.Cli.Tests.Infrastructure;

namespace DurableAgents.Cli.Tests.EndToEnd;

/// <summary>What the CLI says when nothing listens at the address: exit code 3 and how to fix it.</summary>
public sealed class ReachabilityTests
{
    [Fact]
    public async Task Status_NoSidecarListening_ExitsThreeWithHint()
    {
        int port = ClosedPort.Get();

        CliResult result = await CliRunner.RunAsync("--sidecar", $"http://127.0.0.1:{port}", "status", "some-id");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains($"no sidecar is listening at http://127.0.0.1:{port}", result.Error, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project src/DurableAgents.Sidecar", result.Error, StringComparison.Ordinal);
        Assert.Contains("--sidecar", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public async Task Start_SidecarAddressFromEnvironment_IsUsed()
    {
        int port = ClosedPort.Get();
        var environment = new Dictionary<string, string> { ["DURABLEAGENTS_SIDECAR"] = $"http://127.0.0.1:{port}" };

        CliResult result = await CliRunner.RunAsync(["start", "Hello"], environment);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains($"http://127.0.0.1:{port}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_NoHttpApiListening_ExitsThreeWithHint()
    {
        int port = ClosedPort.Get();

        CliResult result = await CliRunner.RunAsync("--http", $"http://127.0.0.1:{port}", "list");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains($"no HTTP API is listening at http://127.0.0.1:{port}/", result.Error, StringComparison.Ordinal);
        Assert.Contains("--http", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_NothingListeningWithJson_WritesJsonErrorToErrorStream()
    {
        int port = ClosedPort.Get();

        CliResult result = await CliRunner.RunAsync("status", "some-id", "--json", "--sidecar", $"127.0.0.1:{port}");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        using JsonDocument error = JsonDocument.Parse(result.Error);
        Assert.Equal(3, error.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Contains("no sidecar is listening", error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InvalidJsonAndNothingListening_ReportsTheUsageErrorFirst()
    {
        int port = ClosedPort.Get();

        CliResult result = await CliRunner.RunAsync("--sidecar", $"http://127.0.0.1:{port}", "start", "Hello", "--input", "[1,");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--input is not valid JSON", result.Error, StringComparison.Ordinal);
    }
}

using DurableAgents.Cli.Tests.Infrastructure;

namespace DurableAgents.Cli.Tests.EndToEnd;

/// <summary>The commands over the sidecar's HTTP management API (--http, or DURABLEAGENTS_HTTP).</summary>
[Collection(SharedSidecarDefinition.Name)]
public sealed class HttpCommandsTests(SharedSidecar shared) : CommandsTestsBase(shared)
{
    protected override string[] BackendArgs => ["--http", Host.HttpAddress];

    [Fact]
    public async Task Status_HttpFromEnvironment_UsesHttpApi()
    {
        string id = await StartCompletedHelloAsync("env-http", "nu");
        var environment = new Dictionary<string, string> { ["DURABLEAGENTS_HTTP"] = Host.HttpAddress };

        CliResult result = await CliRunner.RunAsync(["status", id], environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"Status\s+Completed", result.Output);
    }

    [Fact]
    public async Task Approve_Twice_SecondAnswerRefused()
    {
        string id = await StartWaitingForApprovalAsync("approve-twice");

        CliResult first = await RunAsync("approve", id, TestOrchestrations.ApprovalName, "--approver", "ana");
        CliResult second = await RunAsync("approve", id, TestOrchestrations.ApprovalName, "--approver", "bo");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 1, second.ToString());
        Assert.Contains("already approved by 'ana'", second.Error, StringComparison.Ordinal);
        await Host.WaitForCompletionAsync(id);
    }

    [Fact]
    public async Task Start_UnknownOrchestrator_ExitsTwoWithKnownNames()
    {
        CliResult result = await RunAsync("start", "NoSuchOrchestrator");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("NoSuchOrchestrator", result.Error, StringComparison.Ordinal);
        Assert.Contains(TestOrchestrations.Hello, result.Error, StringComparison.Ordinal);
    }
}

using DurableAgents.Cli.Tests.Infrastructure;

namespace DurableAgents.Cli.Tests;

/// <summary>Usage errors are found before anything is sent: exit code 2 and a message that says what to change.</summary>
public sealed class CommandLineTests
{
    // Nothing listens here, so a test that reached the network would exit 3, not 2.
    private static readonly string[] Unreachable = ["--sidecar", $"http://127.0.0.1:{ClosedPort.Get()}"];

    [Fact]
    public async Task Run_NoArguments_ShowsHelpAndExitsTwo()
    {
        CliResult result = await CliRunner.RunAsync();

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
        Assert.Contains("approve <id> <approvalName>", result.Output, StringComparison.Ordinal);
        Assert.Contains("reject <id> <approvalName>", result.Output, StringComparison.Ordinal);
        Assert.Contains("approvals", result.Output, StringComparison.Ordinal);
        Assert.Contains("restart <id>", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Help_ExitsZero()
    {
        CliResult result = await CliRunner.RunAsync("purge", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--created-from", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownCommand_ExitsTwo()
    {
        CliResult result = await CliRunner.RunAsync("launch", "Hello");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("launch", result.Error, StringComparison.Ordinal);
        Assert.Contains("--help", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("raise", "id-only")]
    [InlineData("approve", "id-only")]
    [InlineData("reject", "id-only")]
    [InlineData("restart")]
    [InlineData("restart", "id", "--new-id")]
    [InlineData("list", "--top", "0")]
    [InlineData("list", "--status", "Runing")]
    [InlineData("list", "--created-from", "yesterday-ish")]
    [InlineData("start", "Hello", "--wait", "--timeout", "-5")]
    [InlineData("raise", "id", "go", "--data", "{\"a\":")]
    [InlineData("purge")]
    [InlineData("purge", "id", "--created-from", "2h")]
    [InlineData("purge", "--created-to", "2h")]
    [InlineData("purge", "--created-from", "2h", "--status", "Running")]
    public async Task Run_InvalidCommandLine_ExitsTwo(params string[] args)
    {
        CliResult result = await CliRunner.RunAsync([.. Unreachable, .. args]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SidecarAndHttpTogether_ExitsTwo()
    {
        CliResult result = await CliRunner.RunAsync("--sidecar", "http://127.0.0.1:4001", "--http", "http://127.0.0.1:8080", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("either --sidecar (gRPC) or --http", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_NameWithSlash_ExitsTwoBeforeSending()
    {
        CliResult result = await CliRunner.RunAsync([.. Unreachable, "approve", "id", "a/b"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("'/'", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--id", "a/b", "--id: The instance id contains '/'; the characters '/', '\\', '#' and '?' are not allowed.")]
    [InlineData("--id", "a#b", "--id: The instance id contains '#'")]
    public async Task Start_InstanceIdTheSidecarRefuses_ExitsTwoWithItsMessageBeforeSending(string option, string value, string message)
    {
        CliResult result = await CliRunner.RunAsync([.. Unreachable, "start", "Hello", option, value]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InstanceIdOf300Characters_ExitsTwoNamingTheLimit()
    {
        CliResult result = await CliRunner.RunAsync([.. Unreachable, "start", "Hello", "--id", new string('i', 300)]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("The instance id is 300 characters long; at most 100 are allowed.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raise_EventNameTheSidecarRefuses_ExitsTwoBeforeSending()
    {
        CliResult result = await CliRunner.RunAsync([.. Unreachable, "raise", "some-id", "go?now"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("The event name contains '?'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InputFileMissing_ExitsTwo()
    {
        CliResult result = await CliRunner.RunAsync([.. Unreachable, "start", "Hello", "--input", "@/no/such/file.json"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("does not exist", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_HttpAddressNotAUrl_ExitsTwo()
    {
        CliResult result = await CliRunner.RunAsync("--http", "ftp://example", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not an http(s) URL", result.Error, StringComparison.Ordinal);
    }
}

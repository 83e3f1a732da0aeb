using DurableAgents.Host.Tests.Infrastructure;

namespace DurableAgents.Host.Tests.Startup;

/// <summary><c>--help</c> lists the settings that matter with the values the command line would use, and starts nothing.</summary>
public sealed class HelpTests
{
    [Fact]
    public async Task HostProcess_Help_PrintsSettingsWithTheirValuesAndExitsWithoutStarting()
    {
        using var workingDirectory = new TempDirectory("host-help");

        // The help switch before a setting: the setting is still read as a setting, not as the switch's value.
        ProcessResult result = await HostProcess.RunAsync(workingDirectory.Path, "--help", "--Sidecar:HttpEndpoint=127.0.0.1:9191");

        Assert.True(result.ExitCode == HostExitCodes.Success, result.ToString());
        Assert.Contains("Usage: dotnet run --project workflows/DurableAgents.Host", result.Output, StringComparison.Ordinal);
        Assert.Contains("Ctrl+C", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"Sidecar:HttpEndpoint\s+127\.0\.0\.1:9191\s", result.Output);
        Assert.Matches(@"Sidecar:GrpcEndpoint\s+127\.0\.0\.1:4001\s", result.Output);
        Assert.Matches(@"TaskHub:Sqlite:DataSource\s+data/durableagents\.db\s", result.Output);
        Assert.Matches(@"Agents:Provider\s+Offline\s", result.Output);
        Assert.Matches(@"Host:Mode\s+AllInOne\s", result.Output);
        Assert.Matches(@"Worker:Executor\s+DurableAgents\s", result.Output);
        Assert.True(result.Error.Length == 0, result.ToString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(workingDirectory.Path));
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("-?")]
    public async Task Run_HelpWithApiKey_ShowsThatAKeyIsSetButNeverTheKey(string helpSwitch)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exitCode = await HostProgram.RunAsync(["--Sidecar:ApiKey=s3cret-value", helpSwitch], output, error, Deadline.Token());

        Assert.Equal(HostExitCodes.Success, exitCode);
        Assert.Matches(@"Sidecar:ApiKey\s+\(set\)", output.ToString());
        Assert.DoesNotContain("s3cret-value", output.ToString(), StringComparison.Ordinal);
    }
}

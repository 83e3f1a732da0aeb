using DurableAgents.Cli.Tests.Infrastructure;

namespace DurableAgents.Cli.Tests.EndToEnd;

/// <summary>A sidecar that requires an API key: the CLI passes --api-key or DURABLEAGENTS_API_KEY on both backends.</summary>
public sealed class ApiKeyTests : IAsyncLifetime
{
    private const string Key = "s3cret-key";
    private SidecarHost? _host;

    private SidecarHost Host => _host!;

    public async Task InitializeAsync() => _host = await SidecarHost.StartAsync(withWorker: false, apiKey: Key);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("--sidecar")]
    [InlineData("--http")]
    public async Task List_WithoutKey_ExitsOneAndSaysHowToPassIt(string backendOption)
    {
        CliResult result = await CliRunner.RunAsync(backendOption, Address(backendOption), "list");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("--api-key", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--sidecar")]
    [InlineData("--http")]
    public async Task List_WithKeyOption_Succeeds(string backendOption)
    {
        CliResult result = await CliRunner.RunAsync(backendOption, Address(backendOption), "--api-key", Key, "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("No instances match.", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--sidecar")]
    [InlineData("--http")]
    public async Task List_WithKeyFromEnvironment_Succeeds(string backendOption)
    {
        var environment = new Dictionary<string, string> { ["DURABLEAGENTS_API_KEY"] = Key };

        CliResult result = await CliRunner.RunAsync([backendOption, Address(backendOption), "list"], environment);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private string Address(string backendOption) => backendOption == "--http" ? Host.HttpAddress : Host.GrpcAddress;
}

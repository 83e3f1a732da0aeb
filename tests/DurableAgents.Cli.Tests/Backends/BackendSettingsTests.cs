using DurableAgents.Cli.Backends;
using DurableAgents.Cli.Errors;

namespace DurableAgents.Cli.Tests.Backends;

public sealed class BackendSettingsTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Resolve_Nothing_DefaultsToLocalGrpc()
    {
        BackendSettings settings = BackendSettings.Resolve(null, null, null, Env());

        Assert.Equal(new BackendSettings(BackendKind.Grpc, "http://127.0.0.1:4001", null), settings);
    }

    [Fact]
    public void Resolve_SidecarOption_WinsOverHttpVariable()
    {
        BackendSettings settings = BackendSettings.Resolve("http://10.0.0.1:5000", null, null, Env(("DURABLEAGENTS_HTTP", "http://127.0.0.1:8080")));

        Assert.Equal(BackendKind.Grpc, settings.Kind);
        Assert.Equal("http://10.0.0.1:5000", settings.Address);
    }

    [Fact]
    public void Resolve_HttpOption_WinsOverSidecarVariable()
    {
        BackendSettings settings = BackendSettings.Resolve(null, "http://127.0.0.1:8080", null, Env(("DURABLEAGENTS_SIDECAR", "http://127.0.0.1:4002")));

        Assert.Equal(new BackendSettings(BackendKind.Http, "http://127.0.0.1:8080", null), settings);
    }

    [Fact]
    public void Resolve_BothVariables_HttpWins()
    {
        BackendSettings settings = BackendSettings.Resolve(null, null, null,
            Env(("DURABLEAGENTS_SIDECAR", "http://127.0.0.1:4002"), ("DURABLEAGENTS_HTTP", "http://127.0.0.1:8080")));

        Assert.Equal(BackendKind.Http, settings.Kind);
    }

    [Fact]
    public void Resolve_ApiKeyOption_WinsOverVariable()
    {
        Assert.Equal("opt", BackendSettings.Resolve(null, null, "opt", Env(("DURABLEAGENTS_API_KEY", "env"))).ApiKey);
        Assert.Equal("env", BackendSettings.Resolve(null, null, null, Env(("DURABLEAGENTS_API_KEY", "env"))).ApiKey);
    }

    [Fact]
    public void Resolve_BothOptions_IsUsageError()
    {
        Assert.Throws<CliUsageException>(() => BackendSettings.Resolve("http://a:1", "http://b:2", null, Env()));
    }
}

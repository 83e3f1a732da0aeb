using DurableAgents.Host.Tests.Infrastructure;

namespace DurableAgents.Host.Tests.Observability;

/// <summary>Bad OpenTelemetry settings stop the host before it opens anything, naming the setting and what to write.</summary>
public sealed class TelemetrySettingsTests
{
    [Fact]
    public void BuildAllInOne_EndpointNotAnHttpUrl_ThrowsNamingTheSettingAndCreatesNoDatabase()
    {
        using var setup = new HostSetup();
        setup.Settings["OpenTelemetry:Enabled"] = "true";
        setup.Settings["OpenTelemetry:Endpoint"] = "collector:4317";

        HostCannotStartException error = Assert.Throws<HostCannotStartException>(() => DurableAgentsHost.BuildAllInOne(setup.Arguments()));

        Assert.Contains("OpenTelemetry:Endpoint 'collector:4317'", error.Message, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:4317", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(setup.DatabasePath));
    }

    [Fact]
    public void BuildAllInOne_UnknownProtocol_ThrowsNamingTheAllowedValues()
    {
        using var setup = new HostSetup();
        setup.Settings["OpenTelemetry:Enabled"] = "true";
        setup.Settings["OpenTelemetry:Protocol"] = "Carrier-Pigeon";

        HostCannotStartException error = Assert.Throws<HostCannotStartException>(() => DurableAgentsHost.BuildAllInOne(setup.Arguments()));

        Assert.Contains("OpenTelemetry:Protocol is Grpc or HttpProtobuf", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(setup.DatabasePath));
    }
}

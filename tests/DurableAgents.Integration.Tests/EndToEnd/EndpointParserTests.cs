using System.Net;
using DurableAgents.Sidecar.Hosting;

namespace DurableAgents.Integration.Tests.EndToEnd;

/// <summary>The endpoint settings the sidecar accepts (Sidecar:GrpcEndpoint / Sidecar:HttpEndpoint).</summary>
public sealed class EndpointParserTests
{
    [Theory]
    [InlineData("127.0.0.1:4001", "127.0.0.1", 4001)]
    [InlineData("http://127.0.0.1:8080/", "127.0.0.1", 8080)]
    [InlineData("localhost:0", "127.0.0.1", 0)]
    [InlineData("*:4001", "0.0.0.0", 4001)]
    [InlineData("[::1]:4001", "::1", 4001)]
    public void Parse_SupportedForms_GiveTheEndPoint(string setting, string address, int port)
    {
        IPEndPoint endPoint = EndpointParser.Parse(setting, "Sidecar:GrpcEndpoint");

        Assert.Equal(IPAddress.Parse(address), endPoint.Address);
        Assert.Equal(port, endPoint.Port);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("sidecar.example:4001")]
    [InlineData("")]
    public void Parse_UnusableSetting_ThrowsNamingTheSettingAndTheExpectedForm(string setting)
    {
        var error = Assert.Throws<InvalidOperationException>(() => EndpointParser.Parse(setting, "Sidecar:GrpcEndpoint"));

        Assert.Contains("Sidecar:GrpcEndpoint", error.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:4001", error.Message, StringComparison.Ordinal);
    }
}

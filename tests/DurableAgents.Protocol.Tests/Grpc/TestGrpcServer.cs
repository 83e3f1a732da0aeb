using System.Net;
using DurableAgents.Protocol.Grpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Protocol.Tests.Grpc;

/// <summary>A real Kestrel server on 127.0.0.1 with an OS-assigned port serving one test service over h2c.</summary>
internal sealed class TestGrpcServer : IAsyncDisposable
{
    public const string ServiceName = "test.EchoService";

    private readonly WebApplication _app;

    private TestGrpcServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static Task<TestGrpcServer> StartAsync(Action<GrpcServiceDefinition> configure, GrpcServerOptions? options = null)
    {
        var definition = new GrpcServiceDefinition(ServiceName, options);
        configure(definition);
        return StartAsync(definition);
    }

    public static async Task<TestGrpcServer> StartAsync(GrpcServiceDefinition definition)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(new IPEndPoint(IPAddress.Loopback, 0)));
        var app = builder.Build();
        app.MapGrpcService(definition);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new TestGrpcServer(app, new Uri(address));
    }

    public GrpcChannel CreateChannel(GrpcChannelOptions? options = null) => GrpcChannel.ForAddress(Address, options);

    public static string Method(string name) => $"/{ServiceName}/{name}";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

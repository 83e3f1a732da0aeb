using DurableAgents.Client;
using DurableAgents.Integration.Tests.Worker;
using DurableAgents.Protocol;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.DurableTask.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using Methods = Microsoft.DurableTask.Protobuf.TaskHubSidecarService.TaskHubSidecarServiceBase;

namespace DurableAgents.Integration.Tests.Client;

public sealed class DurableTaskClientServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddDurableTaskClient_UseGrpcWithApiKey_ResolvesOneGrpcClientThatSendsTheKey()
    {
        await using var sidecar = await FakeSidecar.StartAsync();
        sidecar.On<GetInstanceRequest, GetInstanceResponse>(nameof(Methods.GetInstance), (_, context) =>
            context.RequestHeaders.GetValue("x-custom-key") == "k1"
                ? Task.FromResult(new GetInstanceResponse { Exists = false })
                : throw new RpcException(new Status(StatusCode.Unauthenticated, "Wrong key.")));
        var services = new ServiceCollection();
        services.AddDurableTaskClient(b => b.UseGrpc(sidecar.Address).Configure(o =>
        {
            o.ApiKey = "k1";
            o.ApiKeyHeaderName = "x-custom-key";
        }));
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<DurableTaskClient>();

        Assert.Same(client, provider.GetRequiredService<DurableTaskClient>());
        Assert.Equal(sidecar.Address, Assert.IsType<GrpcDurableTaskClient>(client).Address);
        Assert.Null(await client.GetInstanceAsync("anything"));
    }

    [Fact]
    public void AddDurableTaskClient_NoAddress_UsesTheDefaultAddress()
    {
        var services = new ServiceCollection();
        services.AddDurableTaskClient();
        using var provider = services.BuildServiceProvider();

        var client = Assert.IsType<GrpcDurableTaskClient>(provider.GetRequiredService<DurableTaskClient>());

        Assert.Equal("http://127.0.0.1:4001", client.Address);
    }

    [Fact]
    public void AddDurableTaskClient_EmptyAddress_FailsValidationNamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddDurableTaskClient(b => b.Configure(o => o.Address = " "));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<DurableTaskClient>());

        Assert.Contains("GrpcDurableTaskClientOptions.Address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddDurableTaskClient_CalledTwice_Throws()
    {
        var services = new ServiceCollection();
        services.AddDurableTaskClient();

        Assert.Throws<InvalidOperationException>(() => services.AddDurableTaskClient());
    }
}

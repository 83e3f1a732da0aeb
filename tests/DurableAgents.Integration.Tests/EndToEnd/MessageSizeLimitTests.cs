using DurableAgents.Integration.Tests.Infrastructure;
using DurableAgents.Protocol;
using Grpc.Core;
using Grpc.Net.Client;
using Proto = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Integration.Tests.EndToEnd;

/// <summary>The sidecar's message size limit: refused with RESOURCE_EXHAUSTED that names the setting, and nothing is written.</summary>
public sealed class MessageSizeLimitTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task StartInstance_InputOverTheLimit_ResourceExhaustedNamingTheSettingAndNoInstance()
    {
        await using SidecarFixture sidecar = await SidecarFixture.StartAsync(_directory.File("limit.db"), o => o.MaxMessageBytes = 64 * 1024);
        using var channel = GrpcChannel.ForAddress(sidecar.GrpcAddress);
        var client = new Proto.TaskHubSidecarService.TaskHubSidecarServiceClient(channel);
        var request = new Proto.CreateInstanceRequest
        {
            InstanceId = "too-big",
            Name = TestTasks.Echo,
            Input = "\"" + new string('x', 100 * 1024) + "\"",
        };

        RpcException error = await Assert.ThrowsAsync<RpcException>(() => client.StartInstanceAsync(request, cancellationToken: TestDeadline.Token()).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("65536", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Sidecar:MaxMessageBytes", error.Status.Detail, StringComparison.Ordinal);
        Proto.GetInstanceResponse lookup = await client.GetInstanceAsync(new Proto.GetInstanceRequest { InstanceId = "too-big" }, cancellationToken: TestDeadline.Token());
        Assert.False(lookup.Exists);
    }
}

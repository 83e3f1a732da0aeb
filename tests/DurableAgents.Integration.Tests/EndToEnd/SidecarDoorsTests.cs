using System.Net;
using System.Text;
using System.Text.Json;
using DurableAgents.Integration.Tests.Infrastructure;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Integration.Tests.EndToEnd;

/// <summary>What the gRPC door and the HTTP door of one sidecar say about the same request.</summary>
public sealed class SidecarDoorsTests : IDisposable
{
    private const string Base = "runtime/webhooks/durabletask/";
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string, string, string> BadIds => new()
    {
        { "a/b", "a%2Fb", "The instance id contains '/'; the characters '/', '\\', '#' and '?' are not allowed." },
        { new string('i', 300), new string('i', 300), "The instance id is 300 characters long; at most 100 are allowed." },
    };

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task StartInstance_IdBreaksTheRules_RefusedOverGrpcAndHttpWithTheSameMessage(string grpcId, string httpId, string message)
    {
        await using SidecarFixture sidecar = await SidecarFixture.StartAsync(_directory.File("ids.db"));
        await using SidecarClient connected = SidecarClient.Connect(sidecar.GrpcAddress);
        using var http = new HttpClient { BaseAddress = sidecar.HttpAddress };

        Exception overGrpc = await Assert.ThrowsAnyAsync<Exception>(() =>
            connected.Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Echo, "x", new StartOrchestrationOptions(grpcId)));
        using HttpResponseMessage overHttp = await http.PostAsync(
            $"{Base}orchestrators/{TestTasks.Echo}/{httpId}", new StringContent("\"x\"", Encoding.UTF8, "application/json"));

        Assert.Contains(message, overGrpc.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, overHttp.StatusCode);
        using JsonDocument problem = JsonDocument.Parse(await overHttp.Content.ReadAsStringAsync());
        Assert.Equal(message, problem.RootElement.GetProperty("detail").GetString());
        Assert.Null(await sidecar.Engine.GetInstanceAsync(grpcId));
    }

    [Fact]
    public async Task RaiseEvent_NameBreaksTheRules_RefusedOverGrpcWithTheHttpMessage()
    {
        await using SidecarFixture sidecar = await SidecarFixture.StartAsync(_directory.File("events.db"));
        await using SidecarClient connected = SidecarClient.Connect(sidecar.GrpcAddress);
        string id = await connected.Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.WaitsForever, "x", new StartOrchestrationOptions("raise-1"));

        Grpc.Core.RpcException refused = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => connected.Client.RaiseEventAsync(id, "go#now", "1"));

        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal("The event name contains '#'; the characters '/', '\\', '#' and '?' are not allowed.", refused.Status.Detail);
    }

    [Fact]
    public async Task StatusRoute_NoConnectedWorkerRunsTheName_ShowsWaitingForWorkerUntilOneConnects()
    {
        const string lateName = "RegisteredLater";
        await using SidecarFixture sidecar = await SidecarFixture.StartAsync(_directory.File("waiting.db"));
        await using SidecarClient connected = SidecarClient.Connect(sidecar.GrpcAddress);
        using var http = new HttpClient { BaseAddress = sidecar.HttpAddress };
        string id = await connected.Client.ScheduleNewOrchestrationInstanceAsync(lateName, "patience", new StartOrchestrationOptions("waits-for-worker"));

        using (HttpResponseMessage pending = await http.GetAsync($"{Base}instances/{id}"))
        {
            using JsonDocument status = JsonDocument.Parse(await pending.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
            Assert.Equal("Pending", status.RootElement.GetProperty("runtimeStatus").GetString());
            Assert.Equal($"no connected worker handles '{lateName}'", status.RootElement.GetProperty("waitingForWorker").GetString());
        }

        await using WorkerHost worker = await WorkerHost.StartAsync(
            sidecar.GrpcAddress, r => r.AddOrchestratorFunc<string, string>(lateName, (_, input) => Task.FromResult($"ran {input}")));
        await connected.Client.WaitForInstanceCompletionAsync(id, cancellation: TestDeadline.Token());

        using HttpResponseMessage done = await http.GetAsync($"{Base}instances/{id}");
        using JsonDocument finished = JsonDocument.Parse(await done.Content.ReadAsStringAsync());
        Assert.Equal("Completed", finished.RootElement.GetProperty("runtimeStatus").GetString());
        Assert.False(finished.RootElement.TryGetProperty("waitingForWorker", out _));
    }
}

using Grpc.Core;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableAgents.Integration.Tests.Infrastructure;

namespace DurableAgents.Integration.Tests.EndToEnd;

/// <summary>The sidecar as a host: its two listeners, the API key, unknown orchestrator names, shutdown and restart.</summary>
public sealed class SidecarHostingTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task MapDurableAgentsSidecar_ManagementApi_IsServedOnTheHttpEndpointOnly()
    {
        await using SidecarFixture sidecar = await SidecarFixture.StartAsync(_directory.File("http.db"));
        await using WorkerHost worker = await WorkerHost.StartAsync(sidecar.GrpcAddress, TestTasks.Register);
        await using SidecarClient clientConnection = SidecarClient.Connect(sidecar.GrpcAddress);
        DurableTaskClient client = clientConnection.Client;
        string id = await client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Echo, "over http", new StartOrchestrationOptions("http-1"));
        await client.WaitForInstanceCompletionAsync(id, cancellation: TestDeadline.Token());
        using var http = new HttpClient();

        using HttpResponseMessage onHttpPort = await http.GetAsync(new Uri(sidecar.HttpAddress, $"runtime/webhooks/durabletask/instances/{id}"));
        using var onGrpcPort = new HttpRequestMessage(HttpMethod.Get, new Uri(sidecar.GrpcAddress, $"runtime/webhooks/durabletask/instances/{id}"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using HttpResponseMessage fromGrpcPort = await http.SendAsync(onGrpcPort);

        Assert.Equal(HttpStatusCode.OK, onHttpPort.StatusCode);
        using JsonDocument status = JsonDocument.Parse(await onHttpPort.Content.ReadAsStringAsync());
        Assert.Equal("Completed", status.RootElement.GetProperty("runtimeStatus").GetString());
        Assert.Equal("over http", status.RootElement.GetProperty("output").GetString());
        Assert.Equal(HttpStatusCode.NotFound, fromGrpcPort.StatusCode);
    }

    [Fact]
    public async Task StartInstance_NameNoConnectedWorkerRuns_WaitsForAWorkerThatRegistersIt()
    {
        const string lateName = "RegisteredLater";
        await using SidecarFixture sidecar = await SidecarFixture.StartAsync(_directory.File("unknown.db"));
        await using WorkerHost worker = await WorkerHost.StartAsync(sidecar.GrpcAddress, TestTasks.Register);
        await using SidecarClient clientConnection = SidecarClient.Connect(sidecar.GrpcAddress);
        DurableTaskClient client = clientConnection.Client;
        await TestDeadline.UntilAsync(() => sidecar.Engine.KnownOrchestratorNames.Contains(TestTasks.Greeter), "the worker to connect");

        // The management API knows the connected workers' names and refuses a name none of them runs.
        using var http = new HttpClient();
        using HttpResponseMessage refused = await http.PostAsync(
            new Uri(sidecar.HttpAddress, $"runtime/webhooks/durabletask/orchestrators/{lateName}"),
            new StringContent("\"x\"", Encoding.UTF8, "application/json"));
        string problem = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("unknown-orchestrator", problem, StringComparison.Ordinal);
        Assert.Contains(TestTasks.Greeter, problem, StringComparison.Ordinal);

        // Over gRPC the start is accepted; the connected worker does not declare the name, so it is not handed the work.
        string id = await client.ScheduleNewOrchestrationInstanceAsync(lateName, "patience", new StartOrchestrationOptions("late-1"));
        string other = await client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Echo, "after it", new StartOrchestrationOptions("late-2"));
        await client.WaitForInstanceCompletionAsync(other, cancellation: TestDeadline.Token());
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await client.GetInstanceAsync(id))?.RuntimeStatus);

        await using WorkerHost lateWorker = await WorkerHost.StartAsync(
            sidecar.GrpcAddress, r => r.AddOrchestratorFunc<string, string>(lateName, (_, input) => Task.FromResult($"ran {input}")));
        OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestDeadline.Token());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("ran patience", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ApiKey_Configured_RefusesCallsWithoutItAndServesCallsWithIt()
    {
        const string key = "s3cret-key";
        await using SidecarFixture sidecar = await SidecarFixture.StartAsync(_directory.File("key.db"), o => o.ApiKey = key);
        await using SidecarClient anonymousConnection = SidecarClient.Connect(sidecar.GrpcAddress);
        DurableTaskClient anonymous = anonymousConnection.Client;
        await using SidecarClient wrongKeyConnection = SidecarClient.Connect(sidecar.GrpcAddress, "guess");
        DurableTaskClient wrongKey = wrongKeyConnection.Client;
        await using SidecarClient clientConnection = SidecarClient.Connect(sidecar.GrpcAddress, key);
        DurableTaskClient client = clientConnection.Client;
        await using WorkerHost worker = await WorkerHost.StartAsync(sidecar.GrpcAddress, TestTasks.Register, o => o.ApiKey = key);

        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() => anonymous.ScheduleNewOrchestrationInstanceAsync(TestTasks.Echo, "x"))).StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() => wrongKey.GetInstanceAsync("anything"))).StatusCode);
        string id = await client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Greeter, "Key", new StartOrchestrationOptions("key-1"));
        OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestDeadline.Token());
        Assert.Equal("Hello, Key! Hello, Key again!", done.ReadOutputAs<string>());

        // The same key protects the management API.
        using var http = new HttpClient();
        var statusUri = new Uri(sidecar.HttpAddress, $"runtime/webhooks/durabletask/instances/{id}");
        using HttpResponseMessage withoutKey = await http.GetAsync(statusUri);
        using var withKeyRequest = new HttpRequestMessage(HttpMethod.Get, statusUri);
        withKeyRequest.Headers.Add("x-api-key", key);
        using HttpResponseMessage withKey = await http.SendAsync(withKeyRequest);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
    }

    [Fact]
    public async Task StopAsync_WaitForCompletionHeldOpen_EndsItWithSidecarUnavailable()
    {
        await using SidecarFixture sidecar = await SidecarFixture.StartAsync(_directory.File("stop.db"));
        await using WorkerHost worker = await WorkerHost.StartAsync(sidecar.GrpcAddress, TestTasks.Register);
        await using SidecarClient clientConnection = SidecarClient.Connect(sidecar.GrpcAddress);
        DurableTaskClient client = clientConnection.Client;
        string id = await client.ScheduleNewOrchestrationInstanceAsync(TestTasks.AwaitApproval, null, new StartOrchestrationOptions("stop-1"));
        await client.WaitForInstanceStartAsync(id, cancellation: TestDeadline.Token());
        Task<OrchestrationMetadata> held = client.WaitForInstanceCompletionAsync(id, cancellation: TestDeadline.Token());

        await sidecar.StopAsync();

        RpcException stopped = await Assert.ThrowsAsync<RpcException>(() => held);
        Assert.Equal(StatusCode.Unavailable, stopped.StatusCode);
    }

    [Fact]
    public async Task StartAsync_SameDatabaseAfterRestart_KeepsFinishedInstancesAndContinuesWaitingOnes()
    {
        string database = _directory.File("restart.db");
        string waiting = "restart-waiting";
        string finished = "restart-finished";
        await using (SidecarFixture first = await SidecarFixture.StartAsync(database))
        await using (WorkerHost worker = await WorkerHost.StartAsync(first.GrpcAddress, TestTasks.Register))
        await using (SidecarClient connected = SidecarClient.Connect(first.GrpcAddress))
        {
            DurableTaskClient client = connected.Client;
            await client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Greeter, "Before", new StartOrchestrationOptions(finished));
            await client.WaitForInstanceCompletionAsync(finished, cancellation: TestDeadline.Token());
            await client.ScheduleNewOrchestrationInstanceAsync(TestTasks.AwaitApproval, null, new StartOrchestrationOptions(waiting));
            await first.Engine.WaitForInstanceAsync(waiting, m => m.SerializedCustomStatus == TestTasks.WaitingStatus, includePayloads: true, TestDeadline.Token());
        }

        // A worker without a replay cache proves the waiting instance is rebuilt from the stored history alone.
        await using SidecarFixture second = await SidecarFixture.StartAsync(database);
        await using WorkerHost secondWorker = await WorkerHost.StartAsync(second.GrpcAddress, TestTasks.Register, o => o.MaxCachedOrchestrations = 0);
        await using SidecarClient secondClientConnection = SidecarClient.Connect(second.GrpcAddress);
        DurableTaskClient secondClient = secondClientConnection.Client;

        OrchestrationMetadata? kept = await secondClient.GetInstanceAsync(finished, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, kept?.RuntimeStatus);
        Assert.Equal("Hello, Before! Hello, Before again!", kept?.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await secondClient.GetInstanceAsync(waiting))?.RuntimeStatus);

        await secondClient.RaiseEventAsync(waiting, "approval", "After");
        OrchestrationMetadata done = await secondClient.WaitForInstanceCompletionAsync(waiting, getInputsAndOutputs: true, TestDeadline.Token());
        Assert.Equal("approved by After", done.ReadOutputAs<string>());
    }
}

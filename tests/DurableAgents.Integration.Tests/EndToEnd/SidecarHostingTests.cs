using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DurableAgents.Client;
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
        await using var client = new GrpcDurableTaskClient(new GrpcDurableTaskClientOptions { Address = sidecar.GrpcAddress.ToString() });
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
        await using var client = new GrpcDurableTaskClient(new GrpcDurableTaskClientOptions { Address = sidecar.GrpcAddress.ToString() });
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
        Assert.Equal(OrchestrationStatus.Pending, (await client.GetInstanceAsync(id))?.RuntimeStatus);

        await using WorkerHost lateWorker = await WorkerHost.StartAsync(
            sidecar.GrpcAddress, r => r.AddOrchestratorFunc<string, string>(lateName, (_, input) => Task.FromResult($"ran {input}")));
        OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestDeadline.Token());
        Assert.Equal(OrchestrationStatus.Completed, done.RuntimeStatus);
        Assert.Equal("ran patience", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ApiKey_Configured_RefusesCallsWithoutItAndServesCallsWithIt()
    {
        const string key = "s3cret-key";
        await using SidecarFixture sidecar = await SidecarFixture.StartAsync(_directory.File("key.db"), o => o.ApiKey = key);
        await using var anonymous = new GrpcDurableTaskClient(new GrpcDurableTaskClientOptions { Address = sidecar.GrpcAddress.ToString() });
        await using var wrongKey = new GrpcDurableTaskClient(new GrpcDurableTaskClientOptions { Address = sidecar.GrpcAddress.ToString(), ApiKey = "guess" });
        await using var client = new GrpcDurableTaskClient(new GrpcDurableTaskClientOptions { Address = sidecar.GrpcAddress.ToString(), ApiKey = key });
        await using WorkerHost worker = await WorkerHost.StartAsync(sidecar.GrpcAddress, TestTasks.Register, o => o.ApiKey = key);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => anonymous.ScheduleNewOrchestrationInstanceAsync(TestTasks.Echo, "x"));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => wrongKey.GetInstanceAsync("anything"));
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
        await using var client = new GrpcDurableTaskClient(new GrpcDurableTaskClientOptions { Address = sidecar.GrpcAddress.ToString() });
        string id = await client.ScheduleNewOrchestrationInstanceAsync(TestTasks.AwaitApproval, null, new StartOrchestrationOptions("stop-1"));
        await client.WaitForInstanceStartAsync(id, cancellation: TestDeadline.Token());
        Task<OrchestrationMetadata> held = client.WaitForInstanceCompletionAsync(id, cancellation: TestDeadline.Token());

        await sidecar.StopAsync();

        await Assert.ThrowsAsync<SidecarUnavailableException>(() => held);
    }

    [Fact]
    public async Task StartAsync_SameDatabaseAfterRestart_KeepsFinishedInstancesAndContinuesWaitingOnes()
    {
        string database = _directory.File("restart.db");
        string waiting = "restart-waiting";
        string finished = "restart-finished";
        await using (SidecarFixture first = await SidecarFixture.StartAsync(database))
        await using (WorkerHost worker = await WorkerHost.StartAsync(first.GrpcAddress, TestTasks.Register))
        await using (var client = new GrpcDurableTaskClient(new GrpcDurableTaskClientOptions { Address = first.GrpcAddress.ToString() }))
        {
            await client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Greeter, "Before", new StartOrchestrationOptions(finished));
            await client.WaitForInstanceCompletionAsync(finished, cancellation: TestDeadline.Token());
            await client.ScheduleNewOrchestrationInstanceAsync(TestTasks.AwaitApproval, null, new StartOrchestrationOptions(waiting));
            await first.Engine.WaitForInstanceAsync(waiting, m => m.SerializedCustomStatus == TestTasks.WaitingStatus, includePayloads: true, TestDeadline.Token());
        }

        // A worker without a replay cache proves the waiting instance is rebuilt from the stored history alone.
        await using SidecarFixture second = await SidecarFixture.StartAsync(database);
        await using WorkerHost secondWorker = await WorkerHost.StartAsync(second.GrpcAddress, TestTasks.Register, o => o.MaxCachedOrchestrations = 0);
        await using var secondClient = new GrpcDurableTaskClient(new GrpcDurableTaskClientOptions { Address = second.GrpcAddress.ToString() });

        OrchestrationMetadata? kept = await secondClient.GetInstanceAsync(finished, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationStatus.Completed, kept?.RuntimeStatus);
        Assert.Equal("Hello, Before! Hello, Before again!", kept?.ReadOutputAs<string>());
        Assert.Equal(OrchestrationStatus.Running, (await secondClient.GetInstanceAsync(waiting))?.RuntimeStatus);

        await secondClient.RaiseEventAsync(waiting, "approval", "After");
        OrchestrationMetadata done = await secondClient.WaitForInstanceCompletionAsync(waiting, getInputsAndOutputs: true, TestDeadline.Token());
        Assert.Equal("approved by After", done.ReadOutputAs<string>());
    }
}

using DurableAgents.Conformance.Tests.Infrastructure;
using Grpc.Core;
using Kind = Microsoft.DurableTask.Protobuf.HistoryEvent.EventTypeOneofCase;

namespace DurableAgents.Conformance.Tests.Scenarios;

using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

/// <summary>Operational limits: a sidecar restart under a waiting instance, message sizes near and past the limit.</summary>
public abstract partial class ConformanceScenarios
{
    private const int OneMebibyte = 1024 * 1024;
    private const string Measure = "Measure";
    private const string Produce = "Produce";
    private const string MakeText = "MakeText";

    [Fact]
    public async Task SidecarRestart_WhileInstanceWaits_WorkerReconnectsAndInstanceCompletes()
    {
        await using ConformanceEnvironment environment = await StartDedicatedEnvironmentAsync(new ConformanceEnvironmentOptions());
        DurableTaskClient client = environment.Client;
        string id = NewInstanceId("sidecar-restart");
        await client.ScheduleNewOrchestrationInstanceAsync(WaitForEvent, "before restart", new StartOrchestrationOptions(id), TestDeadline.Token());
        await client.WaitForInstanceStartAsync(id, TestDeadline.Token());

        await environment.RestartSidecarAsync();

        // The client's channel may still be backing off from the lost connection; a user would retry UNAVAILABLE.
        await WhileUnavailableAsync(() => client.RaiseEventAsync(id, Go, "after restart", TestDeadline.Token()));
        OrchestrationMetadata result = await WhileUnavailableAsync(() => WaitForCompletionAsync(client, id));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("after restart", result.ReadOutputAs<string>());
        HistoryShape history = await environment.ReadHistoryAsync(id, TestDeadline.Token());
        Assert.Equal([Kind.ExecutionStarted, Kind.EventRaised, Kind.ExecutionCompleted], history.Kinds);
    }

    [Fact]
    public async Task LargePayload_EightyPercentOfTheLimit_RoundTripsBothWays()
    {
        await using ConformanceEnvironment environment = await StartDedicatedEnvironmentAsync(new ConformanceEnvironmentOptions { MaxMessageBytes = OneMebibyte });
        int size = OneMebibyte * 8 / 10;
        string payload = new('p', size);

        // Into the orchestrator as input...
        string inId = NewInstanceId("large-in");
        OrchestrationMetadata measured = await RunAsync(environment.Client, Measure, payload, inId);

        // ...and out of an activity and the orchestrator as output.
        string outId = NewInstanceId("large-out");
        OrchestrationMetadata produced = await RunAsync(environment.Client, Produce, size, outId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, measured.RuntimeStatus);
        Assert.Equal(size, measured.ReadOutputAs<int>());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, produced.RuntimeStatus);
        Assert.Equal(payload, produced.ReadOutputAs<string>());
        HistoryShape history = await environment.ReadHistoryAsync(outId, TestDeadline.Token());
        Assert.Equal([Kind.ExecutionStarted, Kind.TaskScheduled, Kind.TaskCompleted, Kind.ExecutionCompleted], history.Kinds);
        Assert.Equal(size + 2, history.One(Kind.TaskCompleted).TaskCompleted.Result.Length);
    }

    [Fact]
    public async Task LargePayload_OverTheLimit_StartFailsNamingTheSettingAndNoInstanceExists()
    {
        await using ConformanceEnvironment environment = await StartDedicatedEnvironmentAsync(new ConformanceEnvironmentOptions { MaxMessageBytes = OneMebibyte });
        string id = NewInstanceId("too-large");
        string payload = new('p', OneMebibyte + (OneMebibyte / 5));

        RpcException error = await Assert.ThrowsAsync<RpcException>(() => environment.Client.ScheduleNewOrchestrationInstanceAsync(
            Measure, payload, new StartOrchestrationOptions(id), TestDeadline.Token()));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("Sidecar:MaxMessageBytes", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(OneMebibyte.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Status.Detail, StringComparison.Ordinal);
        Assert.Null(await environment.Client.GetInstanceAsync(id, TestDeadline.Token()));
        Assert.Empty((await environment.ReadHistoryAsync(id, TestDeadline.Token())).Events);
    }

    private static async Task<T> WhileUnavailableAsync<T>(Func<Task<T>> call)
    {
        using var deadline = new CancellationTokenSource(TestDeadline.Duration);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (RpcException e) when (IsConnectionLoss(e) && !deadline.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
        }
    }

    /// <summary>
    /// UNAVAILABLE, or a call that could not start because the client's pooled HTTP/2 connection to the stopped sidecar
    /// closed under it (Grpc.Net.Client reports that as INTERNAL "Error starting gRPC call"): the sidecar never saw the
    /// call, so a user retries both.
    /// </summary>
    private static bool IsConnectionLoss(RpcException e) =>
        e.StatusCode == StatusCode.Unavailable ||
        (e.StatusCode == StatusCode.Internal && e.Status.DebugException is System.Net.Http.HttpRequestException);

    private static Task WhileUnavailableAsync(Func<Task> call) => WhileUnavailableAsync(async () =>
    {
        await call();
        return true;
    });

    private static void RegisterLimitScenarios(DurableTaskRegistry registry)
    {
        registry.AddOrchestratorFunc<string, int>(Measure, (_, text) => text.Length);
        registry.AddOrchestratorFunc<int, string>(Produce, (context, size) => context.CallActivityAsync<string>(MakeText, size));
        registry.AddActivityFunc<int, string>(MakeText, (_, size) => new string('p', size));
    }
}

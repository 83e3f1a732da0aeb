using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableAgents.History;
using DurableAgents.Integration.Tests.Infrastructure;

namespace DurableAgents.Integration.Tests.Interop;

/// <summary>The official @microsoft/durabletask-js SDK (worker and client) against our sidecar, and our client against its worker.</summary>
public sealed class DurableTaskJsInteropTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task DurableTaskJs_OrchestrationWithActivityEventTimerAndSubOrchestration_CompletesOnOurSidecar()
    {
        await using SidecarFixture sidecar = await SidecarFixture.StartAsync(_directory.File("js-orchestration.db"));

        NodeRun run = await InteropJs.RunScriptAsync("run-js-orchestration.mjs", sidecar.GrpcAddress.Authority);

        Assert.True(run.ExitCode == 0, $"the durabletask-js script failed: {run}");
        string resultLine = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        using JsonDocument result = JsonDocument.Parse(resultLine);
        Assert.Equal("COMPLETED", result.RootElement.GetProperty("status").GetString());
        using JsonDocument output = JsonDocument.Parse(result.RootElement.GetProperty("output").GetString()!);
        Assert.Equal("Hello, world!", output.RootElement.GetProperty("first").GetString());
        Assert.True(output.RootElement.GetProperty("approval").GetProperty("approved").GetBoolean());
        Assert.Equal("js", output.RootElement.GetProperty("approval").GetProperty("by").GetString());
        Assert.Equal("child:Hello, world-child!", output.RootElement.GetProperty("fromChild").GetString());

        // What the sidecar recorded for the JavaScript orchestration.
        string instanceId = result.RootElement.GetProperty("instanceId").GetString()!;
        IReadOnlyList<HistoryEvent> history = await sidecar.Engine.GetHistoryAsync(instanceId);
        Assert.Equal("js_hello", Assert.Single(history.OfType<TaskScheduledEvent>()).Name);
        Assert.Equal("approval", Assert.Single(history.OfType<EventRaisedEvent>()).Name);
        Assert.Single(history.OfType<TimerCreatedEvent>());
        Assert.Single(history.OfType<TimerFiredEvent>());
        Assert.Equal("js_child", Assert.Single(history.OfType<SubOrchestrationInstanceCreatedEvent>()).Name);
        Assert.Single(history.OfType<SubOrchestrationInstanceCompletedEvent>());
        Assert.Equal(OrchestrationStatus.Completed, Assert.IsType<ExecutionCompletedEvent>(history[^1]).Status);
    }

    [Fact]
    public async Task GrpcDurableTaskClient_InstanceRunByDurableTaskJsWorker_IsStartedSignalledAndReadFromCSharp()
    {
        await using SidecarFixture sidecar = await SidecarFixture.StartAsync(_directory.File("js-worker.db"));
        await using NodeProcess worker = await InteropJs.StartScriptAsync("run-js-worker.mjs", sidecar.GrpcAddress.Authority);
        await worker.WaitForLineAsync("ready");
        await using SidecarClient connected = SidecarClient.Connect(sidecar.GrpcAddress);
        DurableTaskClient client = connected.Client;

        string id = await client.ScheduleNewOrchestrationInstanceAsync("js_greeter", "Ada", new StartOrchestrationOptions("js-greeter-1"));
        await client.WaitForInstanceStartAsync(id, cancellation: TestDeadline.Token());
        await client.RaiseEventAsync(id, "suffix", "!");
        OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestDeadline.Token());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("HELLO, ADA!", done.ReadOutputAs<string>());
        OrchestrationMetadata? state = await client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal("js_greeter", state?.Name);
        Assert.Equal("Ada", state?.ReadInputAs<string>());

        IReadOnlyList<HistoryEvent> history = await connected.History.GetHistoryAsync(id);
        TaskScheduledEvent scheduled = Assert.Single(history.OfType<TaskScheduledEvent>());
        Assert.Equal("js_shout", scheduled.Name);
        Assert.Equal("\"hello, Ada\"", scheduled.Input);
        Assert.Equal("\"HELLO, ADA\"", Assert.Single(history.OfType<TaskCompletedEvent>()).Result);
        Assert.Equal("suffix", Assert.Single(history.OfType<EventRaisedEvent>()).Name);
        Assert.Equal("\"HELLO, ADA!\"", Assert.IsType<ExecutionCompletedEvent>(history[^1]).Result);
    }
}

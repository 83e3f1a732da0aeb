using System.Collections.Concurrent;
using DurableAgents.TaskHub.Storage;
using DurableAgents.TaskHub.Tests.Engine.Infrastructure;
using Microsoft.DurableTask;

namespace DurableAgents.TaskHub.Tests.Engine.Shared;

/// <summary>One engine (a sidecar) on a shared store, on the system clock, with a worker that runs the test orchestrators.</summary>
internal sealed class SharedHubNode : IAsyncDisposable
{
    private bool _stopped;

    private SharedHubNode(string name, TaskHubEngine engine, TestWorker worker, LogCapture logs)
    {
        Logs = logs;
        Name = name;
        Engine = engine;
        Worker = worker;
    }

    public string Name { get; }

    public TaskHubEngine Engine { get; }

    public TestWorker Worker { get; }

    public LogCapture Logs { get; }

    /// <summary>Instances whose orchestrator episodes this node's worker received.</summary>
    public IReadOnlySet<string> RanInstances => Worker.OrchestratorItems.Select(i => i.InstanceId).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Starts an engine with the orchestrators "Echo" (calls the activity "Work" with its input), "AwaitGo" (waits for the
    /// event "go", then calls "Work" with its input and the event's data), "Parent" (runs "Echo" as a sub-orchestration
    /// whose id is its input; a refused start is its result) and "WaitingParent" (runs "AwaitGo" likewise). "Work" counts
    /// its runs per input in <paramref name="runs"/>.
    /// </summary>
    public static async Task<SharedHubNode> StartAsync(string name, ITaskHubPartitionedStore store, TaskHubOptions options, ConcurrentDictionary<string, int> runs)
    {
        var logs = new LogCapture();
        var engine = new TaskHubEngine(store, options, null, logs);
        await engine.StartAsync(TestHub.Timeout());
        var worker = new TestWorker(engine, new WorkerConnectionOptions { Name = name });
        worker
            .Orchestration<string, string>("Echo", async (ctx, input) => await ctx.CallActivityAsync<string>("Work", input))
            .Orchestration<string, string>("AwaitGo", async (ctx, input) =>
            {
                string go = await ctx.WaitForExternalEvent<string>("go");
                return await ctx.CallActivityAsync<string>("Work", input + ":" + go);
            })
            .Orchestration<string, string>("Parent", async (ctx, childId) =>
            {
                try
                {
                    return await ctx.CallSubOrchestratorAsync<string>("Echo", childId, new SubOrchestrationOptions { InstanceId = childId });
                }
                catch (TaskFailedException failed)
                {
                    return "refused: " + failed.FailureDetails.ErrorType;
                }
            })
            .Orchestration<string, string>("WaitingParent", async (ctx, childId) =>
                await ctx.CallSubOrchestratorAsync<string>("AwaitGo", childId, new SubOrchestrationOptions { InstanceId = childId }))
            .Activity("Work", input =>
            {
                string value = Json.Read<string>(input)!;
                runs.AddOrUpdate(value, 1, (_, n) => n + 1);
                return Json.Of(value + ":done");
            });
        worker.Start();
        return new SharedHubNode(name, engine, worker, logs);
    }

    /// <summary>A clean shutdown: the engine releases its leases and leaves.</summary>
    public async Task StopAsync()
    {
        _stopped = true;
        await Worker.DisposeAsync();
        await Engine.StopAsync(CancellationToken.None);
    }

    /// <summary>A crash: the engine stops without releasing anything, so its leases stay until they expire.</summary>
    public async Task CrashAsync()
    {
        _stopped = true;
        await Engine.AbandonAsync();
        await Worker.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await StopAsync();
        }
    }
}

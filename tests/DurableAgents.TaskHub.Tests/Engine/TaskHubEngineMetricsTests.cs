using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using DurableAgents.TaskHub.Tests.Engine.Infrastructure;

namespace DurableAgents.TaskHub.Tests.Engine;

/// <summary>The engine's instruments on the "DurableAgents" meter, read with a MeterListener scoped to one hub.</summary>
public sealed class TaskHubEngineMetricsTests
{
    [Fact]
    public async Task Instances_StartedCompletedAndFailed_AreCountedByOrchestrationName()
    {
        await using TestHub hub = await TestHub.StartAsync();
        using var recorded = new Recorded(hub);
        hub.AddWorker(w => w
            .Orchestration<string, string>("Works", (ctx, _) => ctx.CallActivityAsync<string>("Fine"))
            .Activity("Fine", _ => "\"ok\"")
            .Orchestration<string, string>("Fragile", (ctx, _) => ctx.CallActivityAsync<string>("Boom"))
            .Activity("Boom", _ => throw new InvalidOperationException("the tool is down")));

        string first = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Works"));
        string second = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Works"));
        string failing = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Fragile"));
        await hub.WaitForCompletionAsync(first);
        await hub.WaitForCompletionAsync(second);
        await hub.WaitForCompletionAsync(failing);

        Assert.Equal(2, recorded.Sum("durableagents.orchestrations.started", "Works"));
        Assert.Equal(1, recorded.Sum("durableagents.orchestrations.started", "Fragile"));
        Assert.Equal(2, recorded.Sum("durableagents.orchestrations.completed", "Works"));
        Assert.Equal(0, recorded.Sum("durableagents.orchestrations.completed", "Fragile"));
        Assert.Equal(1, recorded.Sum("durableagents.orchestrations.failed", "Fragile"));
        Assert.Equal(0, recorded.Sum("durableagents.orchestrations.failed", "Works"));

        // Each store commit recorded its batch: the three starts alone were three requests. (The engine counts a batch
        // just before it records it, so a commit still in flight may be counted and not yet recorded.)
        long[] batches = recorded.Values("durableagents.store.commit_batch_size");
        Assert.All(batches, size => Assert.True(size >= 1));
        Assert.True(batches.Sum() >= 3, $"Batches recorded {batches.Sum()} requests.");
        Assert.True(batches.Sum() <= hub.Engine.CommittedRequestCount);
    }

    [Fact]
    public async Task Backlog_InstanceWithoutAWorker_IsCountedUntilAWorkerTakesIt()
    {
        await using TestHub hub = await TestHub.StartAsync();
        using var recorded = new Recorded(hub);

        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Later"));
        await WaitForBacklogAsync(recorded, 1);

        hub.AddWorker(w => w.Orchestration<string, string>("Later", (_, _) => Task.FromResult("done")));
        await hub.WaitForCompletionAsync(id);
        await WaitForBacklogAsync(recorded, 0);
    }

    /// <summary>Reads the gauge until it shows <paramref name="expected"/>: the engine applies a commit after the call that made it returns.</summary>
    private static async Task WaitForBacklogAsync(Recorded recorded, long expected)
    {
        using var timeout = new CancellationTokenSource(TestHub.Deadline);
        long last;
        while ((last = recorded.ReadBacklog()) != expected)
        {
            Assert.False(timeout.IsCancellationRequested, $"The backlog stayed at {last}, expected {expected}.");
            await Task.Delay(20, CancellationToken.None);
        }
    }

    /// <summary>The measurements of one hub's instruments.</summary>
    private sealed class Recorded : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Instrument, long Value, string? Name)> _measurements = new();
        private long _backlog = -1;

        public Recorded(TestHub hub)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == hub.Meters && instrument.Meter.Name == "DurableAgents")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
            _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
            _listener.Start();
        }

        public long Sum(string instrument, string name) =>
            _measurements.Where(m => m.Instrument == instrument && m.Name == name).Sum(m => m.Value);

        public long[] Values(string instrument) => _measurements.Where(m => m.Instrument == instrument).Select(m => m.Value).ToArray();

        public long ReadBacklog()
        {
            _listener.RecordObservableInstruments();
            return Interlocked.Read(ref _backlog);
        }

        public void Dispose() => _listener.Dispose();

        private void Add(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (instrument.Name == "durableagents.workitems.backlog")
            {
                Interlocked.Exchange(ref _backlog, value);
                return;
            }

            string? name = null;
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                if (tag.Key == "durabletask.task.name")
                {
                    name = tag.Value as string;
                }
            }

            _measurements.Enqueue((instrument.Name, value, name));
        }
    }
}

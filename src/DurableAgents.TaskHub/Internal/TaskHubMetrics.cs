using System.Diagnostics.Metrics;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.TaskHub.Internal;

/// <summary>
/// The engine's instruments on the "DurableAgents" meter: instances started, completed and failed by orchestration
/// name, the size of each store commit batch, and the work items waiting for a worker.
/// </summary>
internal sealed class TaskHubMetrics : IDisposable
{
    /// <summary>The meter every DurableAgents instrument is on.</summary>
    public const string MeterName = "DurableAgents";

    /// <summary>The tag naming the orchestration.</summary>
    public const string NameTag = "durabletask.task.name";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _started;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _failed;
    private readonly Histogram<int> _batchSize;

    /// <param name="meterFactory">Creates the meter (DI's factory, so a host's meters are its own); a meter of the engine's own when null.</param>
    /// <param name="backlog">Reads the number of work items ready for a worker but not yet sent.</param>
    public TaskHubMetrics(IMeterFactory? meterFactory, Func<long> backlog)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _started = _meter.CreateCounter<long>("durableagents.orchestrations.started", "{orchestration}", "Orchestration instances started.");
        _completed = _meter.CreateCounter<long>("durableagents.orchestrations.completed", "{orchestration}", "Orchestration instances that completed.");
        _failed = _meter.CreateCounter<long>("durableagents.orchestrations.failed", "{orchestration}", "Orchestration instances that failed.");
        _batchSize = _meter.CreateHistogram<int>("durableagents.store.commit_batch_size", "{request}", "Commit requests written by one store commit (group commit).");
        _meter.CreateObservableGauge("durableagents.workitems.backlog", backlog, "{work_item}", "Orchestrator and activity work items ready for a worker and not yet sent to one.");
    }

    public void Started(string name) => _started.Add(1, new KeyValuePair<string, object?>(NameTag, name));

    public void Ended(InstanceRecord record)
    {
        Counter<long>? counter = record.Status switch
        {
            OrchestrationStatus.Completed => _completed,
            OrchestrationStatus.Failed => _failed,
            _ => null,
        };
        counter?.Add(1, new KeyValuePair<string, object?>(NameTag, record.Name));
    }

    public void BatchCommitted(int requests) => _batchSize.Record(requests);

    /// <summary>Disposes the engine's own meter; a factory's meter is shared with other components and disposed by the factory.</summary>
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DurableAgents.Worker.Tracing;

/// <summary>The worker's instrument on the "DurableAgents" meter: how long each activity ran, by name and outcome.</summary>
internal sealed class WorkerMetrics
{
    private readonly Histogram<double> _activityDuration;

    /// <param name="meterFactory">The host's meter factory; a process-wide meter when the host has none.</param>
    public WorkerMetrics(IMeterFactory? meterFactory)
    {
        Meter meter = meterFactory?.Create("DurableAgents") ?? SharedMeter;
        _activityDuration = meter.CreateHistogram<double>(
            "durableagents.activity.duration", "s", "How long activities ran in this worker, from its start to its result.");
    }

    // Without a factory the meter lives as long as the process, as static meters do.
    private static readonly Meter SharedMeter = new("DurableAgents");

    public void ActivityRan(string name, long startTimestamp, bool failed) =>
        _activityDuration.Record(
            Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds,
            new KeyValuePair<string, object?>("durabletask.task.name", name),
            new KeyValuePair<string, object?>("durableagents.outcome", failed ? "failed" : "completed"));
}

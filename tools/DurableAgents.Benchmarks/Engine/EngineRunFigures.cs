using System.Globalization;

namespace DurableAgents.Benchmarks.Engine;

/// <summary>The figures of one timed batch of an engine workload (hello5).</summary>
internal sealed record EngineRunFigures(
    double OrchestrationsPerSecond,
    double ActivitiesPerSecond,
    double P50Milliseconds,
    double P99Milliseconds,
    double CommitsPerSecond,
    double RequestsPerCommit,
    double SidecarCpuSeconds,
    double WorkerCpuSeconds,
    double ClientCpuSeconds,
    double SidecarKiBPerActivity,
    double WorkerKiBPerActivity,
    double SidecarGcPauseMs,
    double WorkerGcPauseMs,
    double SidecarPeakMiB,
    double WorkerPeakMiB)
{
    /// <summary>Each figure's median over <paramref name="runs"/>.</summary>
    public static EngineRunFigures Median(IReadOnlyList<EngineRunFigures> runs) => new(
        Statistics.Median(runs.Select(r => r.OrchestrationsPerSecond)),
        Statistics.Median(runs.Select(r => r.ActivitiesPerSecond)),
        Statistics.Median(runs.Select(r => r.P50Milliseconds)),
        Statistics.Median(runs.Select(r => r.P99Milliseconds)),
        Statistics.Median(runs.Select(r => r.CommitsPerSecond)),
        Statistics.Median(runs.Select(r => r.RequestsPerCommit)),
        Statistics.Median(runs.Select(r => r.SidecarCpuSeconds)),
        Statistics.Median(runs.Select(r => r.WorkerCpuSeconds)),
        Statistics.Median(runs.Select(r => r.ClientCpuSeconds)),
        Statistics.Median(runs.Select(r => r.SidecarKiBPerActivity)),
        Statistics.Median(runs.Select(r => r.WorkerKiBPerActivity)),
        Statistics.Median(runs.Select(r => r.SidecarGcPauseMs)),
        Statistics.Median(runs.Select(r => r.WorkerGcPauseMs)),
        Statistics.Median(runs.Select(r => r.SidecarPeakMiB)),
        Statistics.Median(runs.Select(r => r.WorkerPeakMiB)));

    /// <summary>A markdown table row; <paramref name="worker"/> names the worker that ran (ours or official).</summary>
    public string ToRow(string label, string worker) => string.Create(CultureInfo.InvariantCulture,
        $"| {label} | {worker} | {OrchestrationsPerSecond:N0} | {ActivitiesPerSecond:N0} | {P50Milliseconds:N0} | {P99Milliseconds:N0} | {CommitsPerSecond:N0} | {RequestsPerCommit:F1} | {SidecarCpuSeconds:F2} | {WorkerCpuSeconds:F2} | {ClientCpuSeconds:F2} | {SidecarKiBPerActivity:F1} | {WorkerKiBPerActivity:F1} | {SidecarGcPauseMs:N0} | {WorkerGcPauseMs:N0} | {SidecarPeakMiB:N0} | {WorkerPeakMiB:N0} |");
}

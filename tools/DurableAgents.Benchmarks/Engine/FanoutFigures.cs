using System.Globalization;

namespace DurableAgents.Benchmarks.Engine;

/// <summary>The figures of one fanout run.</summary>
internal sealed record FanoutFigures(
    double WallSeconds,
    double ActivitiesPerSecond,
    double HistoryEvents,
    double HistoryJsonBytes,
    double DatabaseGrowthBytes,
    double SidecarCpuSeconds,
    double WorkerCpuSeconds,
    double SidecarPeakMiB,
    double WorkerPeakMiB)
{
    /// <summary>Each figure's median over <paramref name="runs"/>.</summary>
    public static FanoutFigures Median(IReadOnlyList<FanoutFigures> runs) => new(
        Statistics.Median(runs.Select(r => r.WallSeconds)),
        Statistics.Median(runs.Select(r => r.ActivitiesPerSecond)),
        Statistics.Median(runs.Select(r => r.HistoryEvents)),
        Statistics.Median(runs.Select(r => r.HistoryJsonBytes)),
        Statistics.Median(runs.Select(r => r.DatabaseGrowthBytes)),
        Statistics.Median(runs.Select(r => r.SidecarCpuSeconds)),
        Statistics.Median(runs.Select(r => r.WorkerCpuSeconds)),
        Statistics.Median(runs.Select(r => r.SidecarPeakMiB)),
        Statistics.Median(runs.Select(r => r.WorkerPeakMiB)));

    /// <summary>A markdown table row; <paramref name="worker"/> names the worker that ran (ours or official).</summary>
    public string ToRow(string label, string worker) => string.Create(CultureInfo.InvariantCulture,
        $"| {label} | {worker} | {WallSeconds:F2} | {ActivitiesPerSecond:N0} | {HistoryEvents:N0} | {HistoryJsonBytes:N0} | {DatabaseGrowthBytes:N0} | {SidecarCpuSeconds:F2} | {WorkerCpuSeconds:F2} | {SidecarPeakMiB:N0} | {WorkerPeakMiB:N0} |");
}

namespace DurableAgents.Benchmarks.Engine;

/// <summary>CPU time used and peak resident set size of the sidecar and worker processes.</summary>
internal sealed record ProcessFigures(TimeSpan SidecarCpu, TimeSpan WorkerCpu, long SidecarPeakBytes, long WorkerPeakBytes);

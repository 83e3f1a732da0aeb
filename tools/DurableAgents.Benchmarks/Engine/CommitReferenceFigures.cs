namespace DurableAgents.Benchmarks.Engine;

/// <summary>The commit-limit reference: durable single-row commits/s and store hello5 steps/s at 32 steps per commit.</summary>
internal sealed record CommitReferenceFigures(double CommitsPerSecond, double StoreStepsPerSecond);

namespace DurableAgents.Benchmarks.Engine;

/// <summary>Input of <see cref="BenchmarkTasks.LedgerStep"/>.</summary>
public sealed record LedgerStepInput(string Name, int Step);

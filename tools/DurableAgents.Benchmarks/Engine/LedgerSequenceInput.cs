namespace DurableAgents.Benchmarks.Engine;

/// <summary>Input of <see cref="BenchmarkTasks.LedgerSequence"/>: a name, the number of activities, and the durable timer halfway through.</summary>
public sealed record LedgerSequenceInput(string Name, int Steps, int TimerMilliseconds);

namespace DurableAgents.Integration.Tests.Crash;

/// <summary>The input of the benchmark tool's LedgerSequence orchestrator (same JSON shape as its own record).</summary>
internal sealed record CrashSequenceInput(string Name, int Steps, int TimerMilliseconds);

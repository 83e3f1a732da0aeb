namespace DurableAgents.Benchmarks.Engine;

/// <summary>The engine's counters: store commit calls, commit requests they covered, connected workers.</summary>
internal sealed record SidecarStats(long StoreCommits, long CommittedRequests, int Workers);

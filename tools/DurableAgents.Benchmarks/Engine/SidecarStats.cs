namespace DurableAgents.Benchmarks.Engine;

/// <summary>
/// Counters read from the child processes: the engine's store commit calls, the commit requests they covered and the
/// connected workers, plus each process's allocated bytes and garbage collection pause time, and (DynamoDB store only)
/// the store's DynamoDB requests and consumed read and write units (in thousandths).
/// </summary>
internal sealed record SidecarStats(
    long StoreCommits, long CommittedRequests, int Workers, long SidecarAllocatedBytes, long SidecarGcPauseMs, long WorkerAllocatedBytes, long WorkerGcPauseMs,
    long DynamoDbRequests = 0, long DynamoDbWriteMilliUnits = 0, long DynamoDbReadMilliUnits = 0);

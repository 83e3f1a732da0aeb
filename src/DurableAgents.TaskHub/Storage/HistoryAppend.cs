using DurableAgents.History;

namespace DurableAgents.TaskHub.Storage;

/// <summary>History rows to add for one execution, numbered from <paramref name="FirstSequence"/>.</summary>
/// <remarks>
/// Row i gets sequence number <c>FirstSequence + i</c>. Rows are keyed by (instance id, sequence number) and
/// also store the execution id; writing a row whose key exists overwrites it (an idempotent put).
/// </remarks>
/// <param name="InstanceId">The instance.</param>
/// <param name="ExecutionId">The execution the rows belong to.</param>
/// <param name="FirstSequence">Sequence number of the first event (the instance's history length before the append).</param>
/// <param name="Events">The events, in order.</param>
public sealed record HistoryAppend(string InstanceId, string ExecutionId, int FirstSequence, IReadOnlyList<HistoryEvent> Events);

namespace DurableAgents.History;

/// <summary>
/// Reads an instance's history as the engine's records. The official client contract has no such read in the engine's
/// terms (its GetOrchestrationHistoryAsync returns DurableTask.Core events), and the management API's history endpoint
/// renders these records, so hosts register this beside the official DurableTaskClient.
/// </summary>
public interface IInstanceHistoryReader
{
    /// <summary>The current execution's history, oldest first.</summary>
    /// <exception cref="InstanceNotFoundException">No such instance.</exception>
    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellation = default);
}

using DurableAgents.History;

namespace DurableAgents.Cli.Backends;

/// <summary>
/// A backend that reads an instance's history as the engine's own records (every field, in the golden-file format's
/// types), not only as table rows. The gRPC backend is one; the HTTP management API shows a summary form only.
/// </summary>
internal interface IHistoryEventSource
{
    /// <summary>The instance's whole history, oldest first.</summary>
    Task<IReadOnlyList<HistoryEvent>> GetHistoryEventsAsync(string instanceId, CancellationToken cancellation);
}

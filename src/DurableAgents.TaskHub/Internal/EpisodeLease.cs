using DurableAgents.History;

namespace DurableAgents.TaskHub.Internal;

/// <summary>An orchestrator episode in flight: which inbox messages it consumes and the new events it was given.</summary>
internal sealed class EpisodeLease(
    string token,
    WorkerConnection connection,
    DateTime expiresAt,
    InstanceState state,
    IReadOnlyList<long> messageIds,
    IReadOnlyList<HistoryEvent> newEvents)
    : Lease(token, connection, expiresAt)
{
    public InstanceState State { get; } = state;

    public IReadOnlyList<long> MessageIds { get; } = messageIds;

    public IReadOnlyList<HistoryEvent> NewEvents { get; } = newEvents;
}

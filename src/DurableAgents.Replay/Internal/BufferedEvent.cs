using DurableAgents.History;

namespace DurableAgents.Replay.Internal;

/// <summary>An external event that arrived before anyone waited for it; <see cref="Order"/> keeps arrival order across names.</summary>
internal readonly record struct BufferedEvent(EventRaisedEvent Event, long Order);

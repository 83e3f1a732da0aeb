using Kind = Microsoft.DurableTask.Protobuf.HistoryEvent.EventTypeOneofCase;

namespace DurableAgents.Conformance.Tests.Infrastructure;

using P = Microsoft.DurableTask.Protobuf;

/// <summary>
/// A recorded history, summarised so assertions read like the Durable Task model: the event kinds in order (without
/// the OrchestratorStarted/OrchestratorCompleted markers of each replay) and typed access to the events of one kind.
/// </summary>
public sealed class HistoryShape
{
    /// <summary>Wraps the events of one execution, in recorded order.</summary>
    public HistoryShape(IReadOnlyList<P.HistoryEvent> events) => Events = events;

    /// <summary>Every event, markers included.</summary>
    public IReadOnlyList<P.HistoryEvent> Events { get; }

    /// <summary>The kinds of the events in order, without OrchestratorStarted/OrchestratorCompleted.</summary>
    public IReadOnlyList<Kind> Kinds =>
        Events.Select(e => e.EventTypeCase).Where(k => k is not (Kind.OrchestratorStarted or Kind.OrchestratorCompleted)).ToList();

    /// <summary>The ExecutionStarted event (first of the execution).</summary>
    public P.ExecutionStartedEvent Started => One(Kind.ExecutionStarted).ExecutionStarted;

    /// <summary>The ExecutionCompleted event (the execution's outcome as recorded).</summary>
    public P.ExecutionCompletedEvent Completed => One(Kind.ExecutionCompleted).ExecutionCompleted;

    /// <summary>How many events of <paramref name="kind"/> there are.</summary>
    public int Count(Kind kind) => Events.Count(e => e.EventTypeCase == kind);

    /// <summary>The events of <paramref name="kind"/>, in order.</summary>
    public IReadOnlyList<P.HistoryEvent> All(Kind kind) => Events.Where(e => e.EventTypeCase == kind).ToList();

    /// <summary>The one event of <paramref name="kind"/>; fails the test with the summary when there is not exactly one.</summary>
    public P.HistoryEvent One(Kind kind)
    {
        IReadOnlyList<P.HistoryEvent> matches = All(kind);
        Assert.True(matches.Count == 1, $"Expected exactly one {kind} in the history, found {matches.Count}: {this}");
        return matches[0];
    }

    /// <summary>The position of the first event of <paramref name="kind"/> in <see cref="Events"/>, or -1.</summary>
    public int IndexOf(Kind kind) => Events.ToList().FindIndex(e => e.EventTypeCase == kind);

    /// <summary>The kinds joined with arrows, e.g. "ExecutionStarted → TaskScheduled → TaskCompleted → ExecutionCompleted".</summary>
    public override string ToString() => string.Join(" → ", Kinds);
}

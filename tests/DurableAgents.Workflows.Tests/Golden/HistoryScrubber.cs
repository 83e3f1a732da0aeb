using DurableAgents.History;

namespace DurableAgents.Workflows.Tests.Golden;

/// <summary>Removes what differs between recordings and replays without meaning anything to replay.</summary>
internal static class HistoryScrubber
{
    private static readonly DateTime AnyTime = DateTime.UnixEpoch;

    /// <summary>
    /// Failure details without stack traces: they hold absolute source paths and line numbers, which differ between
    /// clones and change with unrelated edits.
    /// </summary>
    public static List<HistoryEvent> WithoutStackTraces(IEnumerable<HistoryEvent> history) => [.. history.Select(Scrub)];

    /// <summary>
    /// Without stack traces and with every event's own timestamp set to one value: the engine stamps events when it
    /// commits them, an executor replaying an episode stamps what it derives with the episode's start. Payload times
    /// (a timer's fireAt) are kept.
    /// </summary>
    public static List<HistoryEvent> WithoutTimestamps(IEnumerable<HistoryEvent> history) =>
        [.. history.Select(e => Scrub(e) with { Timestamp = AnyTime })];

    private static HistoryEvent Scrub(HistoryEvent historyEvent) => historyEvent switch
    {
        TaskFailedEvent failed => failed with { FailureDetails = Scrub(failed.FailureDetails)! },
        SubOrchestrationInstanceFailedEvent failed => failed with { FailureDetails = Scrub(failed.FailureDetails)! },
        ExecutionCompletedEvent completed => completed with { FailureDetails = Scrub(completed.FailureDetails) },
        _ => historyEvent,
    };

    private static FailureDetails? Scrub(FailureDetails? details) =>
        details is null ? null : details with { StackTrace = null, InnerFailure = Scrub(details.InnerFailure) };
}

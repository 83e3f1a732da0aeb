namespace DurableAgents.Replay.Tests.Golden;

/// <summary>
/// Removes stack traces from failure details: they hold absolute source paths and line numbers, which differ
/// between clones and change with unrelated edits, so golden histories record everything but them.
/// </summary>
internal static class StackTraceScrubber
{
    public static List<HistoryEvent> Scrub(IEnumerable<HistoryEvent> history) => [.. history.Select(Scrub)];

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

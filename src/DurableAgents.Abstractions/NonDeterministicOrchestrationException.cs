namespace DurableAgents;

/// <summary>
/// Raised when replayed orchestrator code schedules something other than what its history recorded.
/// The instance fails with this error instead of continuing on a history it no longer matches.
/// </summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    /// <summary>Creates the exception with a message naming the history event and the action that disagree.</summary>
    public NonDeterministicOrchestrationException(int eventId, string expected, string actual)
        : base($"Non-deterministic orchestration: history event #{eventId} records {expected}, but the orchestrator code now did {actual}. " +
               "Orchestrator code must make the same calls in the same order on every replay; deploy code changes that alter " +
               "the sequence of calls under a new orchestrator name or version, or let running instances finish first.")
    {
        EventId = eventId;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The history event id that no longer matches.</summary>
    public int EventId { get; }

    /// <summary>What history records.</summary>
    public string Expected { get; }

    /// <summary>What the code did instead.</summary>
    public string Actual { get; }
}

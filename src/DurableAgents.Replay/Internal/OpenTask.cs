namespace DurableAgents.Replay.Internal;

/// <summary>What kind of answer an open task id expects.</summary>
internal enum OpenTaskKind
{
    Activity,
    SubOrchestration,
    Timer,
}

/// <summary>An action that waits for its answer in history, stored by task id.</summary>
internal readonly record struct OpenTask(OpenTaskKind Kind, OpenTaskHandler Handler);

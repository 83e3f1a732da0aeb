namespace DurableAgents.TaskHub;

/// <summary>A completion or abandon named a work item that is no longer handed out to anyone with that token.</summary>
public sealed class StaleCompletionTokenException(string completionToken)
    : Exception($"The completion token '{completionToken}' does not match a work item in progress: it was already completed or abandoned, or its lease expired or its worker disconnected and the work was handed out again. Discard this result; nothing was changed.")
{
    /// <summary>The token that was given.</summary>
    public string CompletionToken { get; } = completionToken;
}

namespace DurableAgents.Replay;

/// <summary>
/// Orchestrator code awaited something that is not a durable task (Task.Delay, Task.Run, I/O, a task resumed with
/// ConfigureAwait(false) away from the replay scheduler), so it can no longer be replayed deterministically.
/// The instance fails with this error instead of hanging or resuming on another thread.
/// </summary>
public sealed class NonDurableTaskException : InvalidOperationException
{
    /// <summary>The message every such failure carries.</summary>
    public const string DefaultMessage =
        "Orchestrator code awaited a non-durable task (for example Task.Delay, Task.Run, HttpClient or other I/O, " +
        "CancellationTokenSource.CancelAsync, or ConfigureAwait(false) on a task that does not come from the orchestration " +
        "context), so it either never resumes or resumes outside the orchestration's replay scheduler. Orchestrator code " +
        "may only await tasks returned by the context: use context.CreateTimer instead of Task.Delay, " +
        "context.CallActivityAsync for I/O and any other non-deterministic work, and CancellationTokenSource.Cancel " +
        "instead of CancelAsync.";

    /// <summary>Creates the exception with <see cref="DefaultMessage"/>.</summary>
    public NonDurableTaskException()
        : base(DefaultMessage)
    {
    }

    /// <summary>Creates the exception with a custom message.</summary>
    public NonDurableTaskException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a custom message and cause.</summary>
    public NonDurableTaskException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace DurableAgents;

/// <summary>Base class of a typed orchestrator. Its code must be deterministic (see <see cref="TaskOrchestrationContext"/>).</summary>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    /// <inheritdoc/>
    public Type InputType => typeof(TInput);

    /// <inheritdoc/>
    public Type OutputType => typeof(TOutput);

    /// <summary>The orchestrator's code.</summary>
    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    /// <inheritdoc/>
    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, input is null ? default! : (TInput)input).ConfigureAwait(true);
}

namespace DurableAgents;

/// <summary>Base class of a typed activity: ordinary code that may do I/O. Runs at least once per scheduled call.</summary>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    /// <inheritdoc/>
    public Type InputType => typeof(TInput);

    /// <inheritdoc/>
    public Type OutputType => typeof(TOutput);

    /// <summary>The activity's code.</summary>
    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);

    /// <inheritdoc/>
    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input) =>
        await RunAsync(context, input is null ? default! : (TInput)input).ConfigureAwait(false);
}

namespace DurableAgents;

/// <summary>Adapts a delegate to <see cref="TaskActivity{TInput, TOutput}"/>.</summary>
internal sealed class FuncTaskActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> implementation)
    : TaskActivity<TInput, TOutput>
{
    public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => implementation(context, input);
}

using Microsoft.DurableTask;

namespace DurableAgents.Replay.Tests.Support;

/// <summary>Builds orchestrators from lambdas for hand-written history tests.</summary>
internal static class Orchestrators
{
    public static ITaskOrchestrator Create<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> code) =>
        new LambdaOrchestrator<TInput, TOutput>(code);

    public static ITaskOrchestrator Create<TOutput>(Func<TaskOrchestrationContext, Task<TOutput>> code) =>
        new LambdaOrchestrator<object?, TOutput>((context, _) => code(context));

    private sealed class LambdaOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> code)
        : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => code(context, input);
    }
}

using Microsoft.DurableTask;
namespace DurableAgents.TaskHub.Tests.Engine.Infrastructure;

/// <summary>Builds orchestrators from lambdas for tests.</summary>
internal static class Orchestrator
{
    public static ITaskOrchestrator Create<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> body) =>
        new Lambda<TInput, TOutput>(body);

    private sealed class Lambda<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> body) : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => body(context, input);
    }
}

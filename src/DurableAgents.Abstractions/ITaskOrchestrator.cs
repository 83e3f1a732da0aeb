namespace DurableAgents;

/// <summary>An orchestrator as the engine sees it: untyped input and output.</summary>
public interface ITaskOrchestrator
{
    /// <summary>The type the input is converted to.</summary>
    Type InputType { get; }

    /// <summary>The type of the output.</summary>
    Type OutputType { get; }

    /// <summary>Runs the orchestrator code.</summary>
    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}

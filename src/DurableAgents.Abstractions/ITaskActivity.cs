namespace DurableAgents;

/// <summary>An activity as the engine sees it: untyped input and output.</summary>
public interface ITaskActivity
{
    /// <summary>The type the input is converted to.</summary>
    Type InputType { get; }

    /// <summary>The type of the output.</summary>
    Type OutputType { get; }

    /// <summary>Runs the activity.</summary>
    Task<object?> RunAsync(TaskActivityContext context, object? input);
}

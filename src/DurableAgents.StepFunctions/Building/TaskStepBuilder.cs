namespace DurableAgents.StepFunctions;

/// <summary>The builder of a task state (Activity or Agent).</summary>
public sealed class TaskStepBuilder : StepBuilder<TaskStepBuilder>
{
    internal TaskStepBuilder(State state)
        : base(state)
    {
    }

    /// <summary>ASL's <c>TimeoutSeconds</c>: each attempt fails with States.Timeout after this long.</summary>
    public TaskStepBuilder TimeoutSeconds(int seconds) => Set(Current switch
    {
        ActivityState activity => activity with { TimeoutSeconds = seconds },
        AgentState agent => agent with { TimeoutSeconds = seconds },
        _ => Current,
    });
}

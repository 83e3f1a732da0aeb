using DurableAgents.StepFunctions.Validation;

namespace DurableAgents.StepFunctions;

/// <summary>
/// Builds a declarative workflow:
/// <code>
/// WorkflowDefinition review = new WorkflowBuilder("ReviewArticle")
///     .Agent("Draft", "writer", promptPath: "States.Format('Write about {}', $.topic)", s => s.ResultPath("$.draft").Next("Publish"))
///     .Activity("Publish", "PublishArticle", s => s.Retry("States.TaskFailed").CompensateWith("Unpublish").End())
///     .Build();
/// </code>
/// <see cref="Build"/> validates the definition against the Amazon States Language and throws
/// <see cref="WorkflowDefinitionException"/> listing every mistake with its state, so nothing invalid reaches a run.
/// </summary>
public sealed class WorkflowBuilder : StateMachineBuilder<WorkflowBuilder>
{
    private readonly string _name;
    private string? _comment;
    private int? _timeoutSeconds;

    /// <summary>Starts a workflow called <paramref name="name"/> (the orchestrator name it is registered and started under).</summary>
    public WorkflowBuilder(string name) => _name = name ?? "";

    /// <summary>ASL's top-level <c>Comment</c>.</summary>
    public WorkflowBuilder Comment(string comment)
    {
        _comment = comment;
        return this;
    }

    /// <summary>ASL's top-level <c>TimeoutSeconds</c>.</summary>
    public WorkflowBuilder TimeoutSeconds(int seconds)
    {
        _timeoutSeconds = seconds;
        return this;
    }

    /// <summary>The definition; throws <see cref="WorkflowDefinitionException"/> when it is not valid.</summary>
    public WorkflowDefinition Build()
    {
        var definition = new WorkflowDefinition(_name, BuildMachine()) { Comment = _comment, TimeoutSeconds = _timeoutSeconds };
        IReadOnlyList<DefinitionError> errors = DefinitionValidator.Validate(definition);
        return errors.Count == 0 ? definition : throw new WorkflowDefinitionException(_name, errors);
    }
}

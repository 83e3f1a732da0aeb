namespace DurableAgents.StepFunctions.Validation;

/// <summary>Thrown when a workflow definition is built with mistakes; lists every mistake found, each with its state.</summary>
public sealed class WorkflowDefinitionException : Exception
{
    /// <summary>Creates the exception for <paramref name="workflowName"/> with <paramref name="errors"/>.</summary>
    public WorkflowDefinitionException(string workflowName, IReadOnlyList<DefinitionError> errors)
        : base($"The workflow '{workflowName}' is not valid:{Environment.NewLine}" +
               string.Join(Environment.NewLine, errors.Select(e => $"- {e}")))
    {
        WorkflowName = workflowName;
        Errors = errors;
    }

    /// <summary>The workflow's name.</summary>
    public string WorkflowName { get; }

    /// <summary>The mistakes found.</summary>
    public IReadOnlyList<DefinitionError> Errors { get; }
}

namespace DurableAgents.Workflows;

/// <summary>The phase names the shipped workflows publish in <see cref="WorkflowStatus.Phase"/>.</summary>
public static class WorkflowPhases
{
    /// <summary>The planner agent is decomposing the request.</summary>
    public const string Planning = "planning";

    /// <summary>Subtasks are running; <see cref="WorkflowStatus.Completed"/> of <see cref="WorkflowStatus.Total"/> are done.</summary>
    public const string Running = "running";

    /// <summary>The synthesizer agent is merging the results.</summary>
    public const string Synthesizing = "synthesizing";

    /// <summary>A side effect outside the workflow is being made (ticket, publication).</summary>
    public const string Publishing = "publishing";

    /// <summary>Research: the researcher gathers facts.</summary>
    public const string Retrieving = "retrieving";

    /// <summary>Research: the analyst works on the notes.</summary>
    public const string Analysing = "analysing";

    /// <summary>A writer agent writes the answer.</summary>
    public const string Writing = "writing";

    /// <summary>Support: data fetch and compliance check run in parallel.</summary>
    public const string Checking = "checking";

    /// <summary>Side effects are being undone after a failure.</summary>
    public const string Compensating = "compensating";

    /// <summary>The workflow finished.</summary>
    public const string Completed = "completed";
}

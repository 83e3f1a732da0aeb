using DurableAgents.Workflows.Declarative;

namespace DurableAgents.StepFunctions.Equivalence.Tests.Equivalence;

/// <summary>One input of one shipped workflow, run on both sides.</summary>
/// <param name="Name">How the test names it.</param>
/// <param name="Workflow">The workflow.</param>
/// <param name="InputJson">The run's input.</param>
/// <param name="Approval">What the person answers when the run waits for an approval.</param>
internal sealed record Scenario(string Name, WorkflowDefinition Workflow, string InputJson, ApprovalAnswer Approval = ApprovalAnswer.None)
{
    /// <summary>
    /// Invocations whose order the workflow leaves open (a Map running items concurrently): each unbroken run of them is
    /// compared in sorted order on both sides; everything else is compared in the order it happened.
    /// </summary>
    public Func<Invocation, bool>? Unordered { get; init; }

    public override string ToString() => Name;
}

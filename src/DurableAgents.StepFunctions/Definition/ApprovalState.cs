namespace DurableAgents.StepFunctions;

/// <summary>
/// Not an ASL type of its own: a human approval with a timeout, with one successor per outcome. It runs as the approvals
/// of C# orchestrators (listed under /api/approvals, answered by the event <c>approval:{ApprovalName}</c>); the export
/// writes it as a Task that waits for a task token followed by a Choice. Its result is
/// <c>{"outcome","approver","comment","decidedAt"}</c>, placed at ResultPath.
/// </summary>
public sealed record ApprovalState : State
{
    /// <inheritdoc/>
    public override string Type => "Approval";

    /// <summary>The approval's name, as approvers see it.</summary>
    public required string ApprovalName { get; init; }

    /// <summary>How long to wait for an answer.</summary>
    public int TimeoutSeconds { get; init; }

    /// <summary>A path to what the approver should see; null shows nothing.</summary>
    public string? DetailsPath { get; init; }

    /// <summary>The state after an approval.</summary>
    public string? ApprovedNext { get; init; }

    /// <summary>The state after a rejection.</summary>
    public string? RejectedNext { get; init; }

    /// <summary>The state after the timeout.</summary>
    public string? TimedOutNext { get; init; }
}

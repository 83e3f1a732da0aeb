namespace DurableAgents.StepFunctions;

/// <summary>The builder of an Approval state: one successor per outcome.</summary>
public sealed class ApprovalStepBuilder : StepBuilder<ApprovalStepBuilder>
{
    internal ApprovalStepBuilder(ApprovalState state)
        : base(state)
    {
    }

    /// <summary>A path to what the approver should see.</summary>
    public ApprovalStepBuilder Details(string path) => Set((ApprovalState)Current with { DetailsPath = path });

    /// <summary>The state after an approval.</summary>
    public ApprovalStepBuilder OnApproved(string next) => Set((ApprovalState)Current with { ApprovedNext = next });

    /// <summary>The state after a rejection.</summary>
    public ApprovalStepBuilder OnRejected(string next) => Set((ApprovalState)Current with { RejectedNext = next });

    /// <summary>The state after the timeout.</summary>
    public ApprovalStepBuilder OnTimedOut(string next) => Set((ApprovalState)Current with { TimedOutNext = next });
}

namespace DurableAgents.Approvals;

/// <summary>The answer to <see cref="ApprovalContextExtensions.WaitForApprovalAsync"/>.</summary>
/// <param name="Outcome">Approved, rejected or timed out.</param>
/// <param name="Approver">Who answered, as the answer said; null when it timed out or was not given.</param>
/// <param name="Comment">The approver's comment, if any.</param>
/// <param name="DecidedAt">Orchestration time (UTC) at which the orchestration saw the answer or the timeout.</param>
public sealed record ApprovalResult(ApprovalOutcome Outcome, string? Approver, string? Comment, DateTime DecidedAt)
{
    /// <summary>True when the outcome is <see cref="ApprovalOutcome.Approved"/>.</summary>
    public bool IsApproved => Outcome == ApprovalOutcome.Approved;
}

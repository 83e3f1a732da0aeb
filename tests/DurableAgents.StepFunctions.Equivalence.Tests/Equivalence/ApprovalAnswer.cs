namespace DurableAgents.StepFunctions.Equivalence.Tests.Equivalence;

/// <summary>What the person does when a scenario's run waits for an approval.</summary>
internal enum ApprovalAnswer
{
    /// <summary>The run must not wait for an approval.</summary>
    None,

    /// <summary>Approves (approver "ana", comment "checked").</summary>
    Approve,

    /// <summary>Rejects (approver "ana", comment "checked").</summary>
    Reject,

    /// <summary>Never answers: the approval times out (our engine: the durable timer; Step Functions: States.Timeout on the task-token wait).</summary>
    TimeOut,
}

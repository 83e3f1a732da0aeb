using Microsoft.DurableTask;
namespace DurableAgents.Workflows.Supervisor;

/// <summary>
/// The supervisor: a planner agent breaks the request into subtasks, each subtask goes to an agent with the
/// capability it needs (independent subtasks in parallel, each within its budget share, falling back to a cheaper
/// agent when the share is too small), risky subtasks wait for human approval, and a synthesizer agent merges the
/// results. With <see cref="SupervisorRequest.PublishTo"/> the report is published and tracked by a ticket, both
/// undone if a later step fails. Registered as "SupervisorWorkflow".
/// </summary>
[DurableTask(OrchestratorName)]
public sealed class SupervisorWorkflow : TaskOrchestrator<SupervisorRequest, SupervisorReport>
{
    /// <summary>The name the orchestrator is registered and started under.</summary>
    public const string OrchestratorName = "SupervisorWorkflow";

    /// <summary>The approval name a risky subtask waits for: <c>subtask-{id}</c>, with characters URLs cannot carry replaced by '-'.</summary>
    public static string ApprovalNameFor(string subtaskId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subtaskId);
        string name = "subtask-" + new string(subtaskId.Select(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?' ? '-' : c).ToArray());
        return name.Length <= 100 ? name : name[..100];
    }

    /// <inheritdoc/>
    public override Task<SupervisorReport> RunAsync(TaskOrchestrationContext context, SupervisorRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (input is null || string.IsNullOrWhiteSpace(input.Request))
        {
            throw new ArgumentException("The supervisor needs an input like {\"request\":\"Compare ... and write a summary\"}.", nameof(input));
        }

        if (input.MaxPlanAttempts < 1 || input.MaxSubtasks < 1 || input.ApprovalTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("maxPlanAttempts and maxSubtasks must be at least 1 and approvalTimeout must be positive.", nameof(input));
        }

        return new SupervisorRun(context, input).RunAsync();
    }
}

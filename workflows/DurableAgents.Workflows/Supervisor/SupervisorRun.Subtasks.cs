using DurableAgents.Agents.Calls;
using DurableAgents.Approvals;
using DurableAgents.Budgets;
using DurableAgents.Workflows.AgentCalls;

namespace DurableAgents.Workflows.Supervisor;

/// <summary>The running phase: waves of independent subtasks, approvals first, then all of a wave in parallel.</summary>
internal sealed partial class SupervisorRun
{
    private int _finishedSubtasks;

    private async Task<IReadOnlyList<SubtaskOutcome>> RunSubtasksAsync(
        SupervisorPlan plan, AgentCatalog catalog, IReadOnlyList<WorkflowBudget>? shares)
    {
        _phase = WorkflowPhases.Running;
        var finished = new Dictionary<string, SubtaskOutcome>(StringComparer.Ordinal);
        var shareOf = new Dictionary<string, WorkflowBudget?>(StringComparer.Ordinal);
        for (int i = 0; i < plan.Subtasks.Count; i++)
        {
            shareOf[plan.Subtasks[i].Id] = shares?[i];
        }

        foreach (IReadOnlyList<PlannedSubtask> wave in plan.Waves())
        {
            // Approvals come before the wave's fan-out, one at a time: each publishes its own wait in the custom
            // status, and the approved subtasks then start together in one episode.
            var approved = new List<(PlannedSubtask Subtask, string? Approver)>();
            foreach (PlannedSubtask subtask in wave)
            {
                if (!subtask.Risky)
                {
                    approved.Add((subtask, null));
                    continue;
                }

                ApprovalResult approval = await _context.WaitForApprovalAsync(
                    SupervisorWorkflow.ApprovalNameFor(subtask.Id),
                    _request.ApprovalTimeout,
                    new { subtask = subtask.Id, subtask.Capability, subtask.Task, goal = plan.Goal });
                if (approval.IsApproved)
                {
                    approved.Add((subtask, approval.Approver));
                }
                else
                {
                    finished[subtask.Id] = Skip(subtask, NotApproved(subtask, approval));
                    _finishedSubtasks++;
                }
            }

            ReportProgress(plan);
            SubtaskOutcome[] results = await Task.WhenAll(approved.Select(
                a => RunSubtaskAsync(plan, a.Subtask, a.Approver, catalog, shareOf[a.Subtask.Id], finished)));
            foreach (SubtaskOutcome result in results)
            {
                finished[result.Id] = result;
            }
        }

        return plan.Subtasks.Select(s => finished[s.Id]).ToList();
    }

    private async Task<SubtaskOutcome> RunSubtaskAsync(
        SupervisorPlan plan,
        PlannedSubtask subtask,
        string? approver,
        AgentCatalog catalog,
        WorkflowBudget? share,
        IReadOnlyDictionary<string, SubtaskOutcome> finished)
    {
        IReadOnlyList<string> candidates = catalog.CandidatesFor(subtask.Capability, excludedAgents: [_request.Planner, _request.Synthesizer]);
        if (candidates.Count == 0)
        {
            // The parser only accepts offered capabilities, so this needs a catalog without any: say so, do not guess.
            _finishedSubtasks++;
            return Skip(subtask, $"no agent has the capability '{subtask.Capability}'.") with { Approver = approver };
        }

        var ask = new AgentRequest(candidates[0], SupervisorPrompts.ForSubtask(plan.Goal, subtask))
        {
            Context = SupervisorPrompts.ContextFor(subtask, finished),
        };
        AgentCallOutcome call = await _context.InvokeWithFallbackAsync(candidates, ask.WithBudget(share));
        _finishedSubtasks++;
        ReportProgress(plan);
        if (call.Result is not { } result)
        {
            // No agent with the capability fits the share: the subtask is skipped and the synthesizer is told why.
            return Skip(subtask, "every capable agent refused its budget share: " + string.Join(" ", call.BudgetRefusals)) with { Approver = approver };
        }

        Count(result);
        return new SubtaskOutcome(subtask.Id, subtask.Capability, subtask.Task, SubtaskStatus.Completed)
        {
            DependsOn = subtask.DependsOn,
            Risky = subtask.Risky,
            Approver = approver,
            Agent = result.AgentName,
            Result = result.Text,
            Tokens = result.TotalTokens,
            Cost = result.Cost,
            Note = call.FellBack ? $"'{call.Primary}' refused its budget share; the cheaper '{result.AgentName}' answered." : null,
        };
    }

    private string NotApproved(PlannedSubtask subtask, ApprovalResult approval)
    {
        if (approval.Outcome == ApprovalOutcome.TimedOut)
        {
            if (_request.FailOnApprovalTimeout)
            {
                throw new ApprovalTimedOutException(
                    $"Nobody answered the approval '{SupervisorWorkflow.ApprovalNameFor(subtask.Id)}' within {_request.ApprovalTimeout}, "
                    + "and the request has failOnApprovalTimeout. Start the run again or raise approvalTimeout.");
            }

            return $"its approval timed out after {_request.ApprovalTimeout}.";
        }

        return $"rejected by {approval.Approver ?? "an approver"}" + (approval.Comment is null ? "." : $": {approval.Comment}");
    }

    private static SubtaskOutcome Skip(PlannedSubtask subtask, string reason) =>
        new(subtask.Id, subtask.Capability, subtask.Task, SubtaskStatus.Skipped)
        {
            DependsOn = subtask.DependsOn,
            Risky = subtask.Risky,
            Note = reason,
        };

    private void ReportProgress(SupervisorPlan plan) =>
        SetStatus(new WorkflowStatus(WorkflowPhases.Running) { Completed = _finishedSubtasks, Total = plan.Subtasks.Count });
}

using DurableAgents.Agents;
using DurableAgents.Agents.Calls;
using DurableAgents.Budgets;
using DurableAgents.Sagas;
using DurableAgents.Workflows.AgentCalls;
using DurableAgents.Workflows.Sagas;
using DurableAgents.Workflows.SideEffects;
using Microsoft.DurableTask;

namespace DurableAgents.Workflows.Supervisor;

/// <summary>One execution of <see cref="SupervisorWorkflow"/>: its phases and the state they share. Orchestrator code.</summary>
internal sealed partial class SupervisorRun
{
    private const decimal PlanningWeight = 1m;
    private const decimal ExecutionWeight = 4m;
    private const decimal SubtaskWeight = 1m;
    private const decimal SynthesisWeight = 2m;

    private static readonly TaskOptions SideEffectOptions =
        TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromMinutes(1)));

    private readonly TaskOrchestrationContext _context;
    private readonly SupervisorRequest _request;
    private readonly CompensationScope _compensations;
    private string _phase = WorkflowPhases.Planning;
    private int _agentCalls;
    private long _tokens;
    private decimal _cost;

    public SupervisorRun(TaskOrchestrationContext context, SupervisorRequest request)
    {
        _context = context;
        _request = request;
        _compensations = new CompensationScope(context);
    }

    public async Task<SupervisorReport> RunAsync()
    {
        AgentCatalog catalog = await _context.CallActivityAsync<AgentCatalog>(DescribeAgentsActivity.ActivityName);
        try
        {
            return await RunPhasesAsync(catalog);
        }
        catch (Exception exception) when (_compensations.Count > 0 && exception is not NonDeterministicOrchestrationException)
        {
            string failedPhase = _phase;
            SetStatus(new WorkflowStatus(WorkflowPhases.Compensating) { Total = _compensations.Count });
            CompensationReport compensation = await _compensations.CompensateAsync();
            throw new CompensatedWorkflowException(SupervisorWorkflow.OrchestratorName, failedPhase, exception, compensation);
        }
    }

    private async Task<SupervisorReport> RunPhasesAsync(AgentCatalog catalog)
    {
        string? ticketId = await OpenTicketAsync();

        WorkflowBudget? planningShare = _request.Budget?.SplitWeighted([PlanningWeight, ExecutionWeight])[0];
        (SupervisorPlan plan, int planAttempts) = await PlanAsync(catalog, planningShare);

        // What planning left (its unspent share included) goes to the subtasks and the synthesis.
        WorkflowBudget? remaining = _request.Budget?.Spend(_tokens, _cost);
        IReadOnlyList<WorkflowBudget>? shares = remaining?.SplitWeighted(
            [.. plan.Subtasks.Select(_ => SubtaskWeight), SynthesisWeight]);

        IReadOnlyList<SubtaskOutcome> outcomes = await RunSubtasksAsync(plan, catalog, shares);
        AgentResult synthesis = await SynthesizeAsync(plan, outcomes, catalog, shares?[^1]);
        string? reportId = await PublishAsync(ticketId, plan, synthesis);

        SetStatus(new WorkflowStatus(WorkflowPhases.Completed) { Completed = outcomes.Count(o => o.Status == SubtaskStatus.Completed), Total = outcomes.Count });
        return new SupervisorReport(_request.Request, plan.Goal, synthesis.Text)
        {
            SynthesizedBy = synthesis.AgentName,
            Subtasks = outcomes,
            PlanAttempts = planAttempts,
            AgentCalls = _agentCalls,
            TotalTokens = _tokens,
            TotalCost = _cost,
            TicketId = ticketId,
            ReportId = reportId,
        };
    }

    private async Task<(SupervisorPlan Plan, int Attempts)> PlanAsync(AgentCatalog catalog, WorkflowBudget? share)
    {
        _phase = WorkflowPhases.Planning;
        IReadOnlyList<string> capabilities = catalog.CapabilitiesExcept([_request.Planner, _request.Synthesizer]);
        if (capabilities.Count == 0)
        {
            throw new InvalidPlanException(
                "No agent besides the planner and the synthesizer has a capability, so no plan can be carried out. "
                + "Add agents with Capabilities under Agents:Definitions.");
        }

        bool offlinePlanner = string.Equals(catalog.Find(_request.Planner)?.Provider, ModelProviders.Offline, StringComparison.OrdinalIgnoreCase);
        string? problem = null;
        for (int attempt = 1; attempt <= _request.MaxPlanAttempts; attempt++)
        {
            SetStatus(new WorkflowStatus(WorkflowPhases.Planning) { Attempt = attempt, Detail = problem });
            var ask = new AgentRequest(_request.Planner, SupervisorPrompts.ForPlanner(_request.Request, capabilities, offlinePlanner, problem))
            {
                ExpectJson = true,
            };
            AgentResult answer = await _context.InvokeAgentAsync(ask.WithBudget(share));
            Count(answer);
            if (SupervisorPlanParser.TryParse(answer.Text, capabilities, _request.RiskyCapabilities, _request.MaxSubtasks, out SupervisorPlan? plan, out problem))
            {
                return (plan, attempt);
            }
        }

        throw new InvalidPlanException(
            $"The planner agent '{_request.Planner}' gave no valid plan in {_request.MaxPlanAttempts} attempts. Last problem: {problem} "
            + $"Check the planner's model and system prompt; plans may use these capabilities: {string.Join(", ", capabilities)}.");
    }

    private async Task<AgentResult> SynthesizeAsync(
        SupervisorPlan plan, IReadOnlyList<SubtaskOutcome> outcomes, AgentCatalog catalog, WorkflowBudget? share)
    {
        _phase = WorkflowPhases.Synthesizing;
        SetStatus(new WorkflowStatus(WorkflowPhases.Synthesizing));
        IReadOnlyList<string>? synthesizerCapabilities = catalog.Find(_request.Synthesizer)?.Capabilities;
        string? capability = synthesizerCapabilities is { Count: > 0 } ? synthesizerCapabilities[0] : null;
        IReadOnlyList<string> candidates = capability is null
            ? [_request.Synthesizer]
            : catalog.CandidatesFor(capability, _request.Synthesizer, [_request.Planner]);
        var ask = new AgentRequest(_request.Synthesizer, SupervisorPrompts.ForSynthesis(_request.Request, plan.Goal))
        {
            Context = SupervisorPrompts.SynthesisContext(outcomes),
        };
        AgentCallOutcome call = await _context.InvokeWithFallbackAsync(candidates, ask.WithBudget(share));
        AgentResult result = call.Result ?? throw BudgetExhaustedException.For("synthesis", call);
        Count(result);
        return result;
    }

    private async Task<string?> OpenTicketAsync()
    {
        if (_request.PublishTo is null)
        {
            return null;
        }

        _phase = WorkflowPhases.Publishing;
        SideEffectReceipt ticket = await _context.CallActivityAsync<SideEffectReceipt>(
            CreateTicketActivity.ActivityName, new CreateTicketInput($"Supervisor: {Excerpt(_request.Request)}", _request.Request), SideEffectOptions);
        _compensations.Register(
            CancelTicketActivity.ActivityName,
            new CancelTicketInput(ticket.Subject, "The supervisor run failed; its report was not delivered."),
            $"cancel ticket {ticket.Subject}");
        return ticket.Subject;
    }

    private async Task<string?> PublishAsync(string? ticketId, SupervisorPlan plan, AgentResult synthesis)
    {
        if (_request.PublishTo is not { } channel || ticketId is null)
        {
            return null;
        }

        _phase = WorkflowPhases.Publishing;
        SetStatus(new WorkflowStatus(WorkflowPhases.Publishing) { Detail = channel });
        SideEffectReceipt report = await _context.CallActivityAsync<SideEffectReceipt>(
            PublishReportActivity.ActivityName, new PublishReportInput(channel, Excerpt(plan.Goal), synthesis.Text), SideEffectOptions);
        _compensations.Register(
            UnpublishReportActivity.ActivityName,
            new UnpublishReportInput(channel, report.Subject),
            $"withdraw report {report.Subject} from {channel}");
        await _context.CallActivityAsync<SideEffectReceipt>(
            ResolveTicketActivity.ActivityName, new ResolveTicketInput(ticketId, $"Report {report.Subject} published to {channel}."), SideEffectOptions);
        return report.Subject;
    }

    private void Count(AgentResult result)
    {
        _agentCalls++;
        _tokens += result.TotalTokens;
        _cost += result.Cost;
    }

    private void SetStatus(WorkflowStatus status) => _context.SetCustomStatus(status);

    private static string Excerpt(string text) => text.Length <= 80 ? text : text[..80] + "...";
}

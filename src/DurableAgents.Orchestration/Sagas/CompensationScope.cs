using Microsoft.DurableTask;

namespace DurableAgents.Sagas;

/// <summary>
/// A saga helper for orchestrator code. After a step with a side effect succeeds, register the activity that undoes
/// it (and its input); when a later step fails, <see cref="CompensateAsync"/> runs the registered compensations in
/// reverse order, each with retries. A compensation that still fails is reported and the others still run, so one
/// broken undo does not leave the rest in place. The registrations are plain orchestrator state: a replay rebuilds
/// them from the same code path, so nothing here needs storing.
/// </summary>
public sealed class CompensationScope
{
    private readonly TaskOrchestrationContext _context;
    private readonly TaskOptions _options;
    private readonly List<RegisteredCompensation> _registered = [];

    /// <summary>Creates a scope; compensations retry with <paramref name="retryPolicy"/> or <see cref="DefaultRetryPolicy"/>.</summary>
    public CompensationScope(TaskOrchestrationContext context, RetryPolicy? retryPolicy = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _options = TaskOptions.FromRetryPolicy(retryPolicy ?? DefaultRetryPolicy);
    }

    /// <summary>5 attempts, 5 s apart at first and doubling up to 5 minutes: undoing must try hard.</summary>
    public static RetryPolicy DefaultRetryPolicy { get; } = new(5, TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromMinutes(5));

    /// <summary>How many compensations are registered and not yet run.</summary>
    public int Count => _registered.Count;

    /// <summary>Registers <paramref name="activity"/> with <paramref name="input"/> to undo a side effect that just succeeded.</summary>
    /// <param name="activity">The compensating activity; it must be idempotent (it may run more than once).</param>
    /// <param name="input">Its input (JSON-serialisable).</param>
    /// <param name="description">What it undoes, for the report.</param>
    public void Register(TaskName activity, object? input, string? description = null) =>
        _registered.Add(new RegisteredCompensation(activity, input, description ?? activity.Name));

    /// <summary>
    /// Runs every registered compensation, newest first, each with retries, and forgets them. Never throws for a
    /// failed compensation: the report says which ones failed and why.
    /// </summary>
    public async Task<CompensationReport> CompensateAsync()
    {
        var outcomes = new List<CompensationOutcome>(_registered.Count);
        for (int i = _registered.Count - 1; i >= 0; i--)
        {
            RegisteredCompensation compensation = _registered[i];
            try
            {
                await _context.CallActivityAsync(compensation.Activity, compensation.Input, _options);
                outcomes.Add(new CompensationOutcome(compensation.Activity.Name, compensation.Description, Succeeded: true));
            }
            catch (TaskFailedException exception)
            {
                outcomes.Add(new CompensationOutcome(compensation.Activity.Name, compensation.Description, Succeeded: false)
                {
                    Error = exception.FailureDetails.ErrorMessage,
                });
            }
        }

        _registered.Clear();
        return new CompensationReport(outcomes);
    }

    private sealed record RegisteredCompensation(TaskName Activity, object? Input, string Description);
}

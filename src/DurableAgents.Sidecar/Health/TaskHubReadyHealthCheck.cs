using DurableAgents.TaskHub;
using DurableAgents.TaskHub.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DurableAgents.Sidecar.Health;

/// <summary>
/// Ready when the engine has finished its start (the store was initialized and active instances, inboxes and activities
/// were recovered) and the store answers a trivial read now; a load balancer sends work only then.
/// </summary>
internal sealed class TaskHubReadyHealthCheck : IHealthCheck
{
    /// <summary>An id no instance can have (identifier rules forbid '/'), so the probe reads nothing and writes nothing.</summary>
    private const string ProbeInstanceId = "/readyz-probe";

    private readonly TaskHubEngine _engine;
    private readonly ITaskHubStore _store;

    public TaskHubReadyHealthCheck(TaskHubEngine engine, ITaskHubStore store)
    {
        _engine = engine;
        _store = store;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!_engine.IsRunning)
        {
            return HealthCheckResult.Unhealthy("The task hub engine is not running: recovery has not finished, or the host is stopping.");
        }

        try
        {
            await _store.GetInstanceAsync(ProbeInstanceId, includePayloads: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The store did not answer a read: " + failure.Message, failure);
        }

        return HealthCheckResult.Healthy("The engine has recovered and the store answers.");
    }
}

using System.Collections.Concurrent;
using Grpc.Core;
using DurableAgents.Logging;
using DurableAgents.Worker.Execution;
using Microsoft.Extensions.Logging;
using Proto = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Worker.Hosting;

/// <summary>
/// Runs work items from the stream with bounded concurrency per kind, sends their results, and on shutdown waits for
/// them and hands back (abandons) those that do not finish in time.
/// </summary>
internal sealed class WorkItemDispatcher : IDisposable
{
    // Handing work back is best effort (the lease expires anyway), so it must not hold up shutdown for long.
    private static readonly TimeSpan AbandonCallTimeout = TimeSpan.FromSeconds(5);

    private readonly Proto.TaskHubSidecarService.TaskHubSidecarServiceClient _sidecar;
    private readonly OrchestrationWorkItemProcessor _orchestrations;
    private readonly ActivityWorkItemProcessor _activities;
    private readonly SemaphoreSlim _orchestratorSlots;
    private readonly SemaphoreSlim _activitySlots;
    private readonly ConcurrentDictionary<InFlightWorkItem, byte> _inFlight = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly CancellationToken _abortToken;
    private readonly ILogger _logger;

    public WorkItemDispatcher(
        Proto.TaskHubSidecarService.TaskHubSidecarServiceClient sidecar,
        OrchestrationWorkItemProcessor orchestrations,
        ActivityWorkItemProcessor activities,
        int maxConcurrentOrchestrators,
        int maxConcurrentActivities,
        ILogger logger)
    {
        _sidecar = sidecar;
        _orchestrations = orchestrations;
        _activities = activities;
        _orchestratorSlots = new SemaphoreSlim(maxConcurrentOrchestrators, maxConcurrentOrchestrators);
        _activitySlots = new SemaphoreSlim(maxConcurrentActivities, maxConcurrentActivities);
        _logger = logger;
        _abortToken = _abort.Token;
    }

    /// <summary>Starts handling the work item once a slot is free; returns when it has started (or was handed back).</summary>
    public async Task DispatchAsync(Proto.WorkItem workItem, CancellationToken stopping)
    {
        switch (workItem.RequestCase)
        {
            case Proto.WorkItem.RequestOneofCase.OrchestratorRequest:
                var orchestratorRequest = workItem.OrchestratorRequest;
                var orchestration = new InFlightWorkItem(WorkItemKind.Orchestrator, orchestratorRequest.InstanceId, workItem.CompletionToken);
                await StartAsync(orchestration, _orchestratorSlots, () => RunOrchestratorAsync(orchestration, orchestratorRequest), stopping).ConfigureAwait(false);
                break;
            case Proto.WorkItem.RequestOneofCase.ActivityRequest:
                var activityRequest = workItem.ActivityRequest;
                var activity = new InFlightWorkItem(WorkItemKind.Activity, activityRequest.OrchestrationInstance?.InstanceId ?? string.Empty, workItem.CompletionToken);
                await StartAsync(activity, _activitySlots, () => RunActivityAsync(activity, activityRequest), stopping).ConfigureAwait(false);
                break;
            case Proto.WorkItem.RequestOneofCase.HealthPing:
                break;
            default:
                Logs.UnsupportedWorkItem(_logger, workItem.RequestCase.ToString());
                break;
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for work in progress; then hands back what is still running and
    /// cancels it. Returns how many work items were handed back.
    /// </summary>
    public async Task<int> DrainAsync(string workerName, TimeSpan timeout)
    {
        var pending = _inFlight.Keys.Select(w => w.Handling).ToArray();
        if (pending.Length > 0)
        {
            Logs.Draining(_logger, workerName, timeout.TotalSeconds, pending.Length);
            try
            {
                await Task.WhenAll(pending).WaitAsync(timeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Whatever is still running is handed back below.
            }
        }

        var abandoned = _inFlight.Keys.Where(w => w.TryAbandon()).ToList();
        await _abort.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(abandoned.Select(AbandonAsync)).ConfigureAwait(false);
        if (abandoned.Count > 0)
        {
            Logs.AbandonedOnShutdown(_logger, workerName, abandoned.Count);
        }

        return abandoned.Count;
    }

    public void Dispose()
    {
        // The semaphores are left to the GC: work that finishes after shutdown still releases its slot, and
        // SemaphoreSlim holds no unmanaged resource unless its wait handle is used.
        _abort.Dispose();
    }

    private async Task StartAsync(InFlightWorkItem workItem, SemaphoreSlim slots, Func<Task> handle, CancellationToken stopping)
    {
        try
        {
            await slots.WaitAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Received but never started: give it straight back so another worker can take it.
            await AbandonAsync(workItem).ConfigureAwait(false);
            throw;
        }

        _inFlight.TryAdd(workItem, 0);

        // Not tied to the stopping token: accepted work runs on during shutdown until DrainAsync gives up on it.
        workItem.Handling = Task.Run(async () =>
        {
            // Every line logged for this work item, by the worker, the orchestrator or activity code and the services it
            // calls, carries the instance id. The flow is the work item's own, so the scope ends with it.
            using IDisposable? scope = InstanceLogScope.Begin(_logger, workItem.InstanceId);
            try
            {
                await handle().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Logs.WorkItemFailed(_logger, ex, workItem.Kind.ToString(), workItem.InstanceId);
                if (workItem.TryAbandon())
                {
                    await AbandonAsync(workItem).ConfigureAwait(false);
                }
            }
            finally
            {
                _inFlight.TryRemove(workItem, out _);
                slots.Release();
            }
        }, CancellationToken.None);
    }

    private async Task RunOrchestratorAsync(InFlightWorkItem workItem, Proto.OrchestratorRequest request)
    {
        var response = _orchestrations.Process(request, workItem.CompletionToken);
        if (!workItem.TryBeginCompletion())
        {
            return;
        }

        try
        {
            await _sidecar.CompleteOrchestratorTaskAsync(response, cancellationToken: _abortToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException)
        {
            _orchestrations.Forget(request.InstanceId, request.ExecutionId);
            Logs.CompletionFailed(_logger, ex, "orchestrator", workItem.InstanceId);
        }
    }

    private async Task RunActivityAsync(InFlightWorkItem workItem, Proto.ActivityRequest request)
    {
        var response = await _activities.ProcessAsync(request, workItem.CompletionToken, _abortToken).ConfigureAwait(false);
        if (!workItem.TryBeginCompletion())
        {
            return;
        }

        try
        {
            await _sidecar.CompleteActivityTaskAsync(response, cancellationToken: _abortToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException)
        {
            Logs.CompletionFailed(_logger, ex, "activity", workItem.InstanceId);
        }
    }

    private async Task AbandonAsync(InFlightWorkItem workItem)
    {
        using var timeout = new CancellationTokenSource(AbandonCallTimeout);
        try
        {
            if (workItem.Kind == WorkItemKind.Orchestrator)
            {
                await _sidecar.AbandonTaskOrchestratorWorkItemAsync(
                    new Proto.AbandonOrchestrationTaskRequest { CompletionToken = workItem.CompletionToken }, cancellationToken: timeout.Token).ConfigureAwait(false);
            }
            else
            {
                await _sidecar.AbandonTaskActivityWorkItemAsync(
                    new Proto.AbandonActivityTaskRequest { CompletionToken = workItem.CompletionToken }, cancellationToken: timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException)
        {
            Logs.AbandonFailed(_logger, ex, workItem.Kind.ToString(), workItem.InstanceId);
        }
    }
}

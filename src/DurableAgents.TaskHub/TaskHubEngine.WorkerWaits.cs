using DurableAgents.TaskHub.Internal;

namespace DurableAgents.TaskHub;

/// <summary>
/// Makes a silent wait visible: an instance whose work is ready while no connected worker runs its orchestrator (the
/// name is unknown, misspelt, or its worker is not up yet). Durable Task semantics let a worker register the name
/// later, so the start is accepted and the work waits; the instance's snapshot says so at once, and the log gets one
/// warning per wait once it has lasted <see cref="TaskHubOptions.UnhandledNameWarningAfter"/>.
/// </summary>
public sealed partial class TaskHubEngine
{
    /// <summary>When the next worker-wait check is armed for; null when none is.</summary>
    private DateTime? _workerWaitCheckAt;

    /// <summary>
    /// Why the instance's ready work is not running, when no connected worker runs its orchestrator ("no connected worker
    /// handles 'Name'"); null when a connected worker can run it, it has no ready work, or it is not active.
    /// </summary>
    /// <param name="instanceId">The instance id.</param>
    public string? GetWaitingForWorker(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        lock (_gate)
        {
            return _active.TryGetValue(instanceId, out InstanceState? state) ? WorkerWaitText(state) : null;
        }
    }

    private InstanceSnapshot WithWorkerWait(InstanceSnapshot snapshot) =>
        snapshot.IsCompleted || GetWaitingForWorker(snapshot.InstanceId) is not { } waiting
            ? snapshot
            : snapshot with { WaitingForWorker = waiting };

    private List<InstanceSnapshot> WithWorkerWaits(List<InstanceSnapshot> snapshots)
    {
        lock (_gate)
        {
            for (int i = 0; i < snapshots.Count; i++)
            {
                InstanceSnapshot snapshot = snapshots[i];
                if (!snapshot.IsCompleted && _active.TryGetValue(snapshot.InstanceId, out InstanceState? state) && WorkerWaitText(state) is { } waiting)
                {
                    snapshots[i] = snapshot with { WaitingForWorker = waiting };
                }
            }
        }

        return snapshots;
    }

    /// <summary>Under the engine lock: the status text when the instance's ready work has no connected worker that runs it.</summary>
    private string? WorkerWaitText(InstanceState state)
    {
        if (state.Removed || state.Busy || !state.QueuedReady || state.ReadySince is null)
        {
            return null;
        }

        string name = state.Record.Name;
        return AnyConnection(c => c.AcceptsOrchestrator(name)) ? null : $"no connected worker handles '{name}'";
    }

    /// <summary>The instance's work just became ready: start timing its wait, and make sure a check will look at it.</summary>
    private void NoteReady(InstanceState state)
    {
        DateTime now = Now;
        state.ReadySince = now;
        if (_workerWaitCheckAt is null)
        {
            ScheduleWorkerWaitCheck(now + _options.UnhandledNameWarningAfter);
        }
    }

    /// <summary>The wait is over (the work went to a worker, or the engine handles it itself).</summary>
    private static void EndWorkerWait(InstanceState state)
    {
        state.ReadySince = null;
        state.WorkerWaitReported = false;
    }

    private void ScheduleWorkerWaitCheck(DateTime due)
    {
        if (_workerWaitCheckAt is { } armed && armed <= due)
        {
            return;
        }

        _workerWaitCheckAt = due;
        _wakeUps.Schedule(due, WorkerWaitCheck.Instance);
    }

    /// <summary>
    /// Warns once about every ready instance that has waited at least the warning delay with no connected worker for its
    /// orchestrator, and arms the next check for the earliest wait still short of it. Instances a connected worker can
    /// run are not looked at again until a worker disconnects (which arms a check). Only the ready queue is scanned.
    /// </summary>
    private void CheckWorkerWaits(DateTime now)
    {
        _workerWaitCheckAt = null;
        TimeSpan after = _options.UnhandledNameWarningAfter;
        DateTime? next = null;
        foreach (InstanceState state in _readyInstances)
        {
            if (state.WorkerWaitReported || WorkerWaitText(state) is null)
            {
                continue;
            }

            DateTime due = state.ReadySince!.Value + after;
            if (due <= now)
            {
                state.WorkerWaitReported = true;
                Logs.WaitingForWorker(_logger, state.InstanceId, state.Record.Name, now - state.ReadySince.Value);
            }
            else if (next is null || due < next)
            {
                next = due;
            }
        }

        if (next is { } at)
        {
            ScheduleWorkerWaitCheck(at);
        }
    }
}

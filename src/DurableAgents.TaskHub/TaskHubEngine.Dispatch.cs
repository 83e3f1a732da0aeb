using DurableAgents.History;
using DurableAgents.TaskHub.Internal;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.TaskHub;

/// <summary>Hands ready work to connected workers (always under the engine lock).</summary>
public sealed partial class TaskHubEngine
{
    private void Pump()
    {
        if (!IsRunning)
        {
            return;
        }

        DateTime now = Now;
        int controlCount = _controlInstances.Count;
        while (controlCount-- > 0 && _controlInstances.TryDequeue(out InstanceState? state))
        {
            state.QueuedControl = false;
            Decision decision = Evaluate(state, now, out List<InboxMessage> batch);
            if (decision == Decision.Dispatch)
            {
                MarkReady(state);
            }
            else
            {
                ActInEngine(state, decision, batch, now);
            }
        }

        DispatchOrchestrations(now);
        DispatchActivities(now);
        if (_quiescenceWaiters.Count > 0)
        {
            ReleaseQuiescenceWaiters();
        }
    }

    private void DispatchOrchestrations(DateTime now)
    {
        List<InstanceState>? parked = null;
        while (_readyInstances.Count > 0 && AnyConnection(static c => c.HasOrchestrationSlot))
        {
            InstanceState state = _readyInstances.Dequeue();
            state.QueuedReady = false;
            Decision decision = Evaluate(state, now, out List<InboxMessage> batch);
            if (decision != Decision.Dispatch)
            {
                EndWorkerWait(state);
                ActInEngine(state, decision, batch, now);
                continue;
            }

            WorkerConnection? connection = ChooseOrchestrationConnection(state);
            if (connection is null)
            {
                (parked ??= []).Add(state);
                continue;
            }

            StartEpisode(state, connection, batch, now);
        }

        if (parked is not null)
        {
            foreach (InstanceState state in parked)
            {
                MarkReady(state);
            }
        }
    }

    private void DispatchActivities(DateTime now)
    {
        List<ActivityTask>? parked = null;
        while (_readyActivities.Count > 0 && AnyConnection(static c => c.HasActivitySlot))
        {
            ActivityTask task = _readyActivities.Dequeue();
            if (!IsOutstanding(task))
            {
                continue;
            }

            WorkerConnection? connection = ChooseConnection(c => c.HasActivitySlot && c.AcceptsActivity(task.Name));
            if (connection is null)
            {
                (parked ??= []).Add(task);
                continue;
            }

            var lease = new ActivityLease(NextToken(), connection, now + _options.ActivityLeaseDuration, task);
            AddLease(lease);
            connection.ActiveActivities++;
            connection.Writer.TryWrite(new ActivityWorkItem(
                task.InstanceId, task.ExecutionId, lease.Token, task.TaskId, task.Name, task.Version, task.Input, task.Tags, task.ParentTraceContext));
        }

        if (parked is not null)
        {
            foreach (ActivityTask task in parked)
            {
                _readyActivities.Enqueue(task);
            }
        }
    }

    /// <summary>Looks at an instance's visible messages and decides what must happen next.</summary>
    private static Decision Evaluate(InstanceState state, DateTime now, out List<InboxMessage> batch)
    {
        batch = [];
        if (state.Removed || state.Busy)
        {
            return Decision.None;
        }

        bool terminate = false;
        bool started = state.Record.HistoryLength > 0;
        int lastControl = 0;
        foreach (InboxMessage message in state.Inbox.Values)
        {
            if (message.VisibleAt > now)
            {
                continue;
            }

            batch.Add(message);
            switch (message.Event)
            {
                case ExecutionTerminatedEvent:
                    terminate = true;
                    break;
                case ExecutionStartedEvent:
                    started = true;
                    break;
                case ExecutionSuspendedEvent:
                    lastControl = 1;
                    break;
                case ExecutionResumedEvent:
                    lastControl = 2;
                    break;
            }
        }

        if (batch.Count == 0)
        {
            return Decision.None;
        }

        if (terminate)
        {
            return Decision.Terminate;
        }

        if (!started)
        {
            // Messages that reach an instance before its (deferred) start wait for the start.
            return Decision.None;
        }

        OrchestrationStatus status = state.Record.Status;
        bool suspended = lastControl == 1 || (lastControl == 0 && status == OrchestrationStatus.Suspended);
        if (suspended)
        {
            return status == OrchestrationStatus.Suspended ? Decision.None : Decision.Suspend;
        }

        return status == OrchestrationStatus.Suspended ? Decision.Resume : Decision.Dispatch;
    }

    private void ActInEngine(InstanceState state, Decision decision, List<InboxMessage> batch, DateTime now)
    {
        switch (decision)
        {
            case Decision.Terminate:
                StartTerminate(state, batch, now);
                break;
            case Decision.Suspend:
                StartStatusChange(state, OrchestrationStatus.Suspended, now);
                break;
            case Decision.Resume:
                StartStatusChange(state, OrchestrationStatus.Running, now);
                break;
        }
    }

    private void StartEpisode(InstanceState state, WorkerConnection connection, List<InboxMessage> batch, DateTime now)
    {
        var messageIds = new long[batch.Count];
        var newEvents = new List<HistoryEvent>(batch.Count + 1) { new OrchestratorStartedEvent(-1, now) };

        // ExecutionStarted always directly follows OrchestratorStarted, even if an event overtook the start.
        foreach (InboxMessage message in batch)
        {
            if (message.Event is ExecutionStartedEvent)
            {
                newEvents.Add(message.Event);
            }
        }

        for (int i = 0; i < batch.Count; i++)
        {
            messageIds[i] = batch[i].MessageId;
            if (batch[i].Event is not ExecutionStartedEvent)
            {
                newEvents.Add(batch[i].Event);
            }
        }

        if (state.WorkerWaitReported)
        {
            Logs.WorkerFound(_logger, state.InstanceId, state.Record.Name, connection.Id, now - (state.ReadySince ?? now));
        }

        EndWorkerWait(state);
        var lease = new EpisodeLease(NextToken(), connection, now + _options.OrchestratorLeaseDuration, state, messageIds, newEvents);
        AddLease(lease);
        connection.ActiveOrchestrations++;
        state.Busy = true;
        SendEpisode(lease);
    }

    /// <summary>
    /// Writes the work item, leaving past events out when the connection holds them (it is the instance's cache
    /// owner), or reading them when memory does not.
    /// </summary>
    private void SendEpisode(EpisodeLease lease)
    {
        InstanceState state = lease.State;
        InstanceRecord record = state.Record;
        int length = record.HistoryLength;
        WorkerConnection connection = lease.Connection;
        if (length == 0)
        {
            WriteEpisode(lease, [], 0);
        }
        else if (connection.Options.SupportsHistoryCache && ReferenceEquals(state.CacheOwner, connection) &&
            state.CacheExecutionId == record.ExecutionId && state.CacheHistoryLength == length)
        {
            WriteEpisode(lease, [], length);
        }
        else if (state.History is { } log && log.Count == length)
        {
            WriteEpisode(lease, log.Snapshot(), length);
        }
        else
        {
            _ = Task.Run(() => LoadHistoryAndSendAsync(lease, record.InstanceId, record.ExecutionId));
        }
    }

    private async Task LoadHistoryAndSendAsync(EpisodeLease lease, string instanceId, string executionId)
    {
        IReadOnlyList<HistoryEvent> history;
        try
        {
            history = await _store.GetHistoryAsync(instanceId, executionId, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed read must release the episode so it is retried, whatever the store threw.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logs.HistoryReadFailed(_logger, instanceId, ex);
            lock (_gate)
            {
                if (IsCurrent(lease))
                {
                    ReleaseLease(lease, _options.AbandonedWorkRetryDelay);
                    Pump();
                }
            }

            return;
        }

        lock (_gate)
        {
            if (!IsCurrent(lease))
            {
                return;
            }

            InstanceState state = lease.State;
            if (state.History is null && history.Count == state.Record.HistoryLength && history.Count <= _options.MaxInMemoryHistoryEvents)
            {
                state.History = HistoryLog.From(history);
            }

            WriteEpisode(lease, history, history.Count);
        }
    }

    private static void WriteEpisode(EpisodeLease lease, IReadOnlyList<HistoryEvent> pastEvents, int pastEventCount)
    {
        InstanceRecord record = lease.State.Record;
        lease.Connection.Writer.TryWrite(new OrchestratorWorkItem(
            record.InstanceId, record.ExecutionId, lease.Token, record.Name, record.Version, pastEvents, lease.NewEvents, pastEventCount)
        {
            TraceContext = record.TraceContext,
        });
    }

    private WorkerConnection? ChooseOrchestrationConnection(InstanceState state)
    {
        string name = state.Record.Name;
        if (state.CacheOwner is { IsConnected: true } owner && owner.HasOrchestrationSlot && owner.AcceptsOrchestrator(name))
        {
            return owner;
        }

        return ChooseConnection(c => c.HasOrchestrationSlot && c.AcceptsOrchestrator(name));
    }

    private WorkerConnection? ChooseConnection(Func<WorkerConnection, bool> fits)
    {
        int count = _connections.Count;
        for (int i = 0; i < count; i++)
        {
            int index = (_roundRobin + i) % count;
            WorkerConnection candidate = _connections[index];
            if (fits(candidate))
            {
                _roundRobin = (index + 1) % count;
                return candidate;
            }
        }

        return null;
    }

    private bool AnyConnection(Func<WorkerConnection, bool> predicate)
    {
        foreach (WorkerConnection connection in _connections)
        {
            if (predicate(connection))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsOutstanding(ActivityTask task) =>
        _active.TryGetValue(task.InstanceId, out InstanceState? state) &&
        state.Record.ExecutionId == task.ExecutionId &&
        state.Activities.Contains(task.Key);

    private void RequeueActivity(ActivityTask task)
    {
        if (IsOutstanding(task))
        {
            _readyActivities.Enqueue(task);
        }
    }

    private void AddLease(Lease lease)
    {
        _leases[lease.Token] = lease;
        lease.Connection.Leases.Add(lease);

        // Each kind has one lease duration, so appending keeps each list ordered by expiry and only the heads
        // need a wake-up (not one per lease, which would keep every finished lease alive until it expired).
        LinkedList<Lease> expiries = lease is EpisodeLease ? _episodeExpiries : _activityExpiries;
        lease.ExpiryNode = expiries.AddLast(lease);
        if (expiries.Count == 1)
        {
            ScheduleLeaseSweep(lease.ExpiresAt);
        }
    }

    private void ScheduleLeaseSweep(DateTime due)
    {
        if (_leaseSweepAt is { } armed && armed <= due && armed > Now)
        {
            return;
        }

        _leaseSweepAt = due;
        _wakeUps.Schedule(due, LeaseSweep.Instance);
    }

    /// <summary>Expires every lease whose time is up and arms the sweep for the next one.</summary>
    private void SweepLeases(DateTime now)
    {
        _leaseSweepAt = null;
        foreach (LinkedList<Lease> expiries in (LinkedList<Lease>[])[_episodeExpiries, _activityExpiries])
        {
            while (expiries.First is { } head && head.Value.ExpiresAt <= now)
            {
                Lease lease = head.Value;
                string instanceId = lease is EpisodeLease e ? e.State.InstanceId : ((ActivityLease)lease).Task.InstanceId;
                Logs.LeaseExpired(_logger, lease.Token, instanceId);
                ReleaseLease(lease, TimeSpan.Zero);
            }

            if (expiries.First is { } next)
            {
                ScheduleLeaseSweep(next.Value.ExpiresAt);
            }
        }
    }

    private bool IsCurrent(Lease lease) => _leases.TryGetValue(lease.Token, out Lease? current) && ReferenceEquals(current, lease);

    /// <summary>Ends a lease without a result; the work is handed out again after <paramref name="delay"/>.</summary>
    private void ReleaseLease(Lease lease, TimeSpan delay)
    {
        DetachLease(lease);
        DateTime now = Now;
        switch (lease)
        {
            case EpisodeLease episode:
                episode.State.Busy = false;
                if (delay > TimeSpan.Zero)
                {
                    _wakeUps.Schedule(now + delay, episode.State);
                }
                else
                {
                    Reevaluate(episode.State, now);
                }

                break;
            case ActivityLease activity:
                if (delay > TimeSpan.Zero)
                {
                    _wakeUps.Schedule(now + delay, activity.Task);
                }
                else
                {
                    RequeueActivity(activity.Task);
                }

                break;
        }
    }

    /// <summary>Forgets the lease's token and frees its connection slot.</summary>
    private void DetachLease(Lease lease)
    {
        _leases.Remove(lease.Token);
        lease.Connection.Leases.Remove(lease);
        if (lease.ExpiryNode is { List: { } list } node)
        {
            list.Remove(node);
        }

        lease.ExpiryNode = null;
        if (lease is EpisodeLease)
        {
            lease.Connection.ActiveOrchestrations--;
        }
        else
        {
            lease.Connection.ActiveActivities--;
        }
    }
}

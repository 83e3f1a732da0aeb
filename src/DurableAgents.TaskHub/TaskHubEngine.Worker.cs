using System.Globalization;
using DurableAgents.Actions;
using DurableAgents.History;
using DurableAgents.TaskHub.Internal;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.TaskHub;

/// <summary>The worker side: connections, work item completion and abandonment.</summary>
public sealed partial class TaskHubEngine
{
    /// <summary>Connects a worker; work items start arriving on <see cref="WorkerConnection.WorkItems"/> at once.</summary>
    /// <param name="options">What the worker declares; defaults when null.</param>
    public WorkerConnection ConnectWorker(WorkerConnectionOptions? options = null)
    {
        EnsureRunning();
        options ??= new WorkerConnectionOptions();
        int maxOrchestrations = options.MaxConcurrentOrchestrations > 0 ? options.MaxConcurrentOrchestrations : _options.DefaultMaxConcurrentOrchestrations;
        int maxActivities = options.MaxConcurrentActivities > 0 ? options.MaxConcurrentActivities : _options.DefaultMaxConcurrentActivities;
        string id = string.Create(CultureInfo.InvariantCulture, $"w{Interlocked.Increment(ref _connectionCounter)}");
        var connection = new WorkerConnection(this, id, options, maxOrchestrations, maxActivities);
        lock (_gate)
        {
            _connections.Add(connection);
            Pump();
        }

        Logs.WorkerConnected(_logger, id, options.Name, maxOrchestrations, maxActivities, options.SupportsHistoryCache);
        return connection;
    }

    /// <summary>
    /// Commits a finished orchestrator episode: appends its history (see <see cref="EpisodeHistory.Append"/>),
    /// updates the instance, enqueues its activities, timers, sub-orchestrations and events, and releases the
    /// instance - all in one store transaction. Returns once the commit is durable.
    /// </summary>
    /// <param name="completionToken">The work item's <see cref="WorkItem.CompletionToken"/>.</param>
    /// <param name="actions">The actions the episode returned.</param>
    /// <param name="customStatus">The custom status (JSON text) the orchestrator has now, or null.</param>
    /// <param name="cancellation">Not observed once the commit is queued: a queued commit always completes.</param>
    /// <exception cref="StaleCompletionTokenException">The token is not (or no longer) an orchestrator work item in progress.</exception>
    public Task CompleteOrchestratorWorkItemAsync(
        string completionToken, IReadOnlyList<OrchestratorAction> actions, string? customStatus, CancellationToken cancellation = default) =>
        CompleteOrchestratorWorkItemAsync(completionToken, actions, customStatus, null, cancellation);

    /// <summary>
    /// Commits a finished orchestrator episode as <see cref="CompleteOrchestratorWorkItemAsync(string, IReadOnlyList{OrchestratorAction}, string?, CancellationToken)"/>
    /// does, and keeps the orchestration span the worker reported, which later episodes of the execution carry in
    /// <see cref="OrchestratorWorkItem.TraceContext"/>; null keeps the span reported before.
    /// </summary>
    /// <exception cref="StaleCompletionTokenException">The token is not (or no longer) an orchestrator work item in progress.</exception>
    public async Task CompleteOrchestratorWorkItemAsync(
        string completionToken,
        IReadOnlyList<OrchestratorAction> actions,
        string? customStatus,
        OrchestrationTraceContext? traceContext,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(completionToken);
        ArgumentNullException.ThrowIfNull(actions);
        cancellation.ThrowIfCancellationRequested();
        EnsureRunning();
        Task commit;
        lock (_gate)
        {
            EpisodeLease lease = TakeLease<EpisodeLease>(completionToken);
            CommitRequest request = PlanEpisodeCommit(lease, actions, customStatus, traceContext, Now);
            InstanceState state = lease.State;

            // Submitted under the lock, so the work is never out of sight: the lease ends as the commit starts.
            commit = _commits.SubmitAsync(
                request,
                o => OnInstanceCommit(state, request, o, lease.Connection),
                _ => OnInstanceCommitFailed(state));
            Pump();
        }

        await commit.ConfigureAwait(false);
    }

    /// <summary>
    /// The worker could not run an episode whose past events were omitted (its cached state is gone): the same
    /// episode is sent again, under the same token, with the full history.
    /// </summary>
    /// <exception cref="StaleCompletionTokenException">The token is not (or no longer) an orchestrator work item in progress.</exception>
    public Task RequireHistoryAsync(string completionToken, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(completionToken);
        EnsureRunning();
        lock (_gate)
        {
            if (!_leases.TryGetValue(completionToken, out Lease? lease) || lease is not EpisodeLease episode)
            {
                throw new StaleCompletionTokenException(completionToken);
            }

            Logs.HistoryRequired(_logger, episode.State.InstanceId);
            // No longer the cache owner, so the episode goes out again with its full history.
            episode.State.CacheOwner = null;
            SendEpisode(episode);
        }

        return Task.CompletedTask;
    }

    /// <summary>True while <paramref name="completionToken"/> is an orchestrator work item that may still be completed.</summary>
    public bool IsOrchestratorWorkItemInProgress(string completionToken)
    {
        ArgumentNullException.ThrowIfNull(completionToken);
        lock (_gate)
        {
            return _leases.TryGetValue(completionToken, out Lease? lease) && lease is EpisodeLease;
        }
    }

    /// <summary>Commits an activity's result (or failure) as a message to its orchestration; returns once durable.</summary>
    /// <param name="completionToken">The work item's <see cref="WorkItem.CompletionToken"/>.</param>
    /// <param name="result">The result (JSON text) when the activity succeeded.</param>
    /// <param name="failure">Why the activity failed; when not null the result is ignored.</param>
    /// <param name="cancellation">Not observed once the commit is queued.</param>
    /// <exception cref="StaleCompletionTokenException">The token is not (or no longer) an activity work item in progress.</exception>
    public async Task CompleteActivityWorkItemAsync(
        string completionToken, string? result, FailureDetails? failure, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(completionToken);
        cancellation.ThrowIfCancellationRequested();
        EnsureRunning();
        Task commit;
        lock (_gate)
        {
            ActivityTask task = TakeLease<ActivityLease>(completionToken).Task;
            DateTime now = Now;
            var inserts = new List<InboxMessage>(1);
            if (IsOutstanding(task))
            {
                HistoryEvent answer = failure is null
                    ? new TaskCompletedEvent(-1, now, task.TaskId, result)
                    : new TaskFailedEvent(-1, now, task.TaskId, failure);
                inserts.Add(Message(task.InstanceId, answer, now));
            }

            var request = new CommitRequest { Fence = FenceFor(task.InstanceId), ActivityDeletes = [task.Key], InboxInserts = inserts };

            // Submitted under the lock, as for episodes: the lease ends as the commit starts.
            commit = _commits.SubmitAsync(
                request,
                o =>
                {
                    if (o.Committed)
                    {
                        ApplyCommitted(request, null);
                    }
                    else if (o.FailedFence is { } fence)
                    {
                        OnFenced(fence);
                    }
                },
                _ => RequeueActivity(task));
            Pump();
        }

        await commit.ConfigureAwait(false);
    }

    /// <summary>Gives an orchestrator work item back; it is handed out again after <see cref="TaskHubOptions.AbandonedWorkRetryDelay"/>.</summary>
    /// <exception cref="StaleCompletionTokenException">The token is not (or no longer) an orchestrator work item in progress.</exception>
    public Task AbandonOrchestratorWorkItemAsync(string completionToken, CancellationToken cancellation = default) =>
        Abandon<EpisodeLease>(completionToken);

    /// <summary>Gives an activity work item back; it is handed out again after <see cref="TaskHubOptions.AbandonedWorkRetryDelay"/>.</summary>
    /// <exception cref="StaleCompletionTokenException">The token is not (or no longer) an activity work item in progress.</exception>
    public Task AbandonActivityWorkItemAsync(string completionToken, CancellationToken cancellation = default) =>
        Abandon<ActivityLease>(completionToken);

    internal void Disconnect(WorkerConnection connection)
    {
        int returned;
        lock (_gate)
        {
            if (!connection.IsConnected)
            {
                return;
            }

            connection.MarkClosed();
            _connections.Remove(connection);
            Lease[] leases = connection.Leases.ToArray();
            returned = leases.Length;
            foreach (Lease lease in leases)
            {
                ReleaseLease(lease, TimeSpan.Zero);
            }

            foreach (InstanceState state in _active.Values)
            {
                if (ReferenceEquals(state.CacheOwner, connection))
                {
                    state.CacheOwner = null;
                }
            }

            connection.Writer.TryComplete();
            Pump();

            // Work this connection could run may now have no worker at all; look again once the warning delay has passed.
            if (_readyInstances.Count > 0)
            {
                ScheduleWorkerWaitCheck(Now + _options.UnhandledNameWarningAfter);
            }
        }

        Logs.WorkerDisconnected(_logger, connection.Id, returned);
    }

    private Task Abandon<TLease>(string completionToken)
        where TLease : Lease
    {
        ArgumentNullException.ThrowIfNull(completionToken);
        EnsureRunning();
        lock (_gate)
        {
            if (!_leases.TryGetValue(completionToken, out Lease? lease) || lease is not TLease)
            {
                throw new StaleCompletionTokenException(completionToken);
            }

            string instanceId = lease is EpisodeLease e ? e.State.InstanceId : ((ActivityLease)lease).Task.InstanceId;
            Logs.WorkItemAbandoned(_logger, completionToken, instanceId);
            ReleaseLease(lease, _options.AbandonedWorkRetryDelay);
            Pump();
        }

        return Task.CompletedTask;
    }

    /// <summary>Ends the lease for a completion; a second completion with the same token finds nothing.</summary>
    private TLease TakeLease<TLease>(string completionToken)
        where TLease : Lease
    {
        if (!_leases.TryGetValue(completionToken, out Lease? lease) || lease is not TLease typed)
        {
            throw new StaleCompletionTokenException(completionToken);
        }

        DetachLease(typed);
        return typed;
    }
}

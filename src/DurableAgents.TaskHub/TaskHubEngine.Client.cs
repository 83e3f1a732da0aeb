using DurableAgents.History;
using DurableAgents.TaskHub.Internal;
using DurableAgents.TaskHub.Storage;
using Microsoft.DurableTask;

namespace DurableAgents.TaskHub;

/// <summary>The client side: start, inspect, signal, query, purge and restart instances.</summary>
public sealed partial class TaskHubEngine
{
    private static readonly OrchestrationStatus[] TerminalStatuses =
        [OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Terminated, OrchestrationStatus.Canceled];

    /// <summary>
    /// Creates an instance (Pending) and queues its ExecutionStarted message, in one commit; returns its id once durable.
    /// A terminal instance with the same id is replaced, unless the request's <see cref="StartInstanceRequest.ReplaceableStatuses"/>
    /// leaves its status out. An instance that has not finished is never replaced.
    /// </summary>
    /// <exception cref="InvalidIdentifierException">The name or the id breaks the rules of <see cref="Identifiers"/>; nothing is written.</exception>
    /// <exception cref="InstanceAlreadyExistsException">
    /// An instance with the id exists and is not terminal, or its terminal status is not replaceable under the request's policy.
    /// Nothing is written then.
    /// </exception>
    public async Task<string> CreateInstanceAsync(StartInstanceRequest request, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Identifiers.Validate(request.Name, IdentifierKind.OrchestratorName, "name");
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Name);
        if (!string.IsNullOrEmpty(request.InstanceId))
        {
            Identifiers.Validate(request.InstanceId, IdentifierKind.InstanceId, "instanceId");
        }

        cancellation.ThrowIfCancellationRequested();
        EnsureRunning();
        string instanceId = string.IsNullOrEmpty(request.InstanceId) ? NewIdentifier() : request.InstanceId;
        DateTime now = Now;
        DateTime? scheduled = request.ScheduledStartTime?.UtcDateTime is { } at && at > now ? at : null;
        string executionId = NewIdentifier();
        InstanceRecord record = NewInstanceRecord(instanceId, executionId, request.Name, request.Version, request.Input, request.Tags, null, now, scheduled);
        var started = new ExecutionStartedEvent(
            -1, now, request.Name, instanceId, executionId, request.Input, request.Version, null, scheduled, request.Tags, request.ParentTraceContext);
        InboxMessage message = Message(instanceId, started, scheduled ?? now);
        lock (_gate)
        {
            if (_active.TryGetValue(instanceId, out InstanceState? existing))
            {
                throw NotReplaceable(instanceId, existing.Record.Status, request.ReplaceableStatuses);
            }
        }

        // Without a policy any finished instance may be replaced, which the store checks by itself. With one, the row is
        // read and judged first, and the commit is conditioned on the row being exactly what was judged.
        InstanceCondition condition = request.ReplaceableStatuses is { } replaceable
            ? await ReuseConditionAsync(instanceId, replaceable, cancellation).ConfigureAwait(false)
            : InstanceCondition.NotActive(instanceId);
        var commit = new CommitRequest
        {
            Conditions = [condition],
            HistoryDeletes = [instanceId],
            InstanceUpserts = [record],
            InboxInserts = [message],
        };
        CommitOutcome outcome = await _commits.SubmitAsync(commit, o =>
        {
            if (o.Committed)
            {
                ApplyCommitted(commit, null);
            }
        }).ConfigureAwait(false);
        if (!outcome.Committed)
        {
            InstanceRecord? current = await _store.GetInstanceAsync(instanceId, false, CancellationToken.None).ConfigureAwait(false);
            throw new InstanceAlreadyExistsException(instanceId, current?.Status ?? OrchestrationStatus.Running);
        }

        Logs.InstanceCreated(_logger, instanceId, request.Name);
        _metrics.Started(request.Name);
        return instanceId;
    }

    /// <summary>
    /// The commit condition for a start under a reuse policy: no row, or the row as read when its status is terminal and
    /// replaceable; otherwise the start is refused before anything is written.
    /// </summary>
    private async Task<InstanceCondition> ReuseConditionAsync(
        string instanceId, IReadOnlyCollection<OrchestrationStatus> replaceable, CancellationToken cancellation)
    {
        InstanceRecord? current = await _store.GetInstanceAsync(instanceId, false, cancellation).ConfigureAwait(false);
        if (current is null)
        {
            return InstanceCondition.Absent(instanceId);
        }

        if (!current.Status.IsTerminal() || !replaceable.Contains(current.Status))
        {
            throw NotReplaceable(instanceId, current.Status, replaceable);
        }

        return InstanceCondition.VersionEquals(instanceId, current.RowVersion);
    }

    private static InstanceAlreadyExistsException NotReplaceable(
        string instanceId, OrchestrationStatus status, IReadOnlyCollection<OrchestrationStatus>? replaceable)
    {
        if (replaceable is null)
        {
            return new InstanceAlreadyExistsException(instanceId, status);
        }

        if (!status.IsTerminal())
        {
            // Other backends terminate the running instance and start anew; this engine does not, so it says what to do instead.
            string listed = replaceable.Contains(status) ? $" The start's id reuse policy lists {status} as replaceable, but an instance that has not finished is never replaced (it is not terminated for a new start)." : string.Empty;
            return new InstanceAlreadyExistsException(instanceId, status,
                $"An orchestration instance with id '{instanceId}' already exists and is {status}.{listed} Terminate it and wait until it is Terminated, or use another id.");
        }

        string allowed = replaceable.Count == 0 ? "none" : string.Join(", ", replaceable.Order());
        return new InstanceAlreadyExistsException(instanceId, status,
            $"An orchestration instance with id '{instanceId}' already exists and is {status}, which the start's id reuse policy does not allow replacing (replaceable statuses: {allowed}). Use another id, purge the instance first, or start without deduplicating on {status}.");
    }

    /// <summary>Reads an instance's state, or null when it does not exist.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="includePayloads">Include input, output and custom status.</param>
    /// <param name="cancellation">Cancels the read.</param>
    public async Task<InstanceSnapshot?> GetInstanceAsync(string instanceId, bool includePayloads = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        EnsureRunning();
        InstanceRecord? record = await _store.GetInstanceAsync(instanceId, includePayloads, cancellation).ConfigureAwait(false);
        return record is null ? null : WithWorkerWait(InstanceMapper.ToMetadata(record, includePayloads));
    }

    /// <summary>Waits (without polling) until the instance is no longer Pending; held open until then or until <paramref name="cancellation"/> fires.</summary>
    /// <exception cref="InstanceNotFoundException">No such instance (or it was purged while waiting).</exception>
    public Task<InstanceSnapshot> WaitForInstanceStartAsync(string instanceId, bool includePayloads = false, CancellationToken cancellation = default) =>
        WaitForAsync(instanceId, includePayloads, static m => m.RuntimeStatus != OrchestrationStatus.Pending, cancellation);

    /// <summary>Waits (without polling) until the instance is Completed, Failed, Terminated or Canceled, or <paramref name="cancellation"/> fires.</summary>
    /// <exception cref="InstanceNotFoundException">No such instance (or it was purged while waiting).</exception>
    public Task<InstanceSnapshot> WaitForInstanceCompletionAsync(string instanceId, bool includePayloads = false, CancellationToken cancellation = default) =>
        WaitForAsync(instanceId, includePayloads, static m => m.RuntimeStatus.IsTerminal(), cancellation);

    /// <summary>Waits (without polling) until the instance's state satisfies <paramref name="condition"/>, re-checking whenever its row changes (the store is read only when the in-memory row of an active instance satisfies the condition, or the instance is not active).</summary>
    /// <exception cref="InstanceNotFoundException">No such instance (or it was purged while waiting).</exception>
    public Task<InstanceSnapshot> WaitForInstanceAsync(
        string instanceId, Func<InstanceSnapshot, bool> condition, bool includePayloads = false, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return WaitForAsync(instanceId, includePayloads, condition, cancellation);
    }

    /// <summary>Queues an external event for a non-terminal instance; returns once durable.</summary>
    /// <exception cref="InstanceNotFoundException">No such instance.</exception>
    /// <exception cref="InvalidInstanceStateException">The instance is terminal.</exception>
    /// <exception cref="InvalidIdentifierException">The event name breaks the rules of <see cref="Identifiers"/>; nothing is written.</exception>
    public Task RaiseEventAsync(string instanceId, string eventName, string? eventData, CancellationToken cancellation = default)
    {
        Identifiers.Validate(eventName, IdentifierKind.EventName, nameof(eventName));
        return SendControlAsync(instanceId, now => new EventRaisedEvent(-1, now, eventName, eventData), "raise an event on", terminalIsNoOp: false, cancellation);
    }

    /// <summary>
    /// Queues termination: the instance ends as Terminated with <paramref name="output"/> as its output, with no worker involved;
    /// with <paramref name="recursive"/> its active sub-orchestrations are terminated too. Terminating a finished instance does nothing.
    /// </summary>
    /// <exception cref="InstanceNotFoundException">No such instance.</exception>
    public Task TerminateAsync(string instanceId, string? output, bool recursive = true, CancellationToken cancellation = default) =>
        SendControlAsync(instanceId, now => new ExecutionTerminatedEvent(-1, now, output, recursive), "terminate", terminalIsNoOp: true, cancellation);

    /// <summary>Queues a suspend: the instance becomes Suspended and events that arrive are kept until it resumes.</summary>
    /// <exception cref="InstanceNotFoundException">No such instance.</exception>
    /// <exception cref="InvalidInstanceStateException">The instance is terminal.</exception>
    public Task SuspendAsync(string instanceId, string? reason, CancellationToken cancellation = default) =>
        SendControlAsync(instanceId, now => new ExecutionSuspendedEvent(-1, now, reason), "suspend", terminalIsNoOp: false, cancellation);

    /// <summary>Queues a resume: a suspended instance runs again and gets the events kept meanwhile.</summary>
    /// <exception cref="InstanceNotFoundException">No such instance.</exception>
    /// <exception cref="InvalidInstanceStateException">The instance is terminal.</exception>
    public Task ResumeAsync(string instanceId, string? reason, CancellationToken cancellation = default) =>
        SendControlAsync(instanceId, now => new ExecutionResumedEvent(-1, now, reason), "resume", terminalIsNoOp: false, cancellation);

    /// <summary>Reads one page of instances matching <paramref name="query"/>.</summary>
    public async Task<Page<InstanceSnapshot>> QueryAsync(InstanceFilter query, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        EnsureRunning();
        var storeQuery = new InstanceQuery
        {
            CreatedFrom = query.CreatedFrom?.UtcDateTime,
            CreatedTo = query.CreatedTo?.UtcDateTime,
            Statuses = query.Statuses,
            InstanceIdPrefix = query.InstanceIdPrefix,
            PageSize = query.PageSize > 0 ? query.PageSize : InstanceFilter.DefaultPageSize,
            ContinuationToken = query.ContinuationToken,
            IncludePayloads = query.FetchInputsAndOutputs,
        };
        InstancePage page = await _store.QueryInstancesAsync(storeQuery, cancellation).ConfigureAwait(false);
        List<InstanceSnapshot> values = WithWorkerWaits(page.Instances.Select(r => InstanceMapper.ToMetadata(r, query.FetchInputsAndOutputs)).ToList());
        return new Page<InstanceSnapshot>(values, page.ContinuationToken);
    }

    /// <summary>Deletes a terminal instance with its history; returns how many instances were deleted (0 when it does not exist).</summary>
    /// <exception cref="InvalidInstanceStateException">The instance is not terminal (terminate it first, or wait for it to finish).</exception>
    public async Task<int> PurgeAsync(string instanceId, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        EnsureRunning();
        InstanceRecord? record = await _store.GetInstanceAsync(instanceId, false, cancellation).ConfigureAwait(false);
        if (record is null)
        {
            return 0;
        }

        if (!record.Status.IsTerminal())
        {
            throw new InvalidInstanceStateException(instanceId, record.Status, "purge");
        }

        return await PurgeRecordAsync(record).ConfigureAwait(false) ? 1 : 0;
    }

    /// <summary>
    /// Deletes every terminal instance created in the range (and in one of <paramref name="statuses"/>, when given) with its
    /// history; instances that are not terminal are left alone. Returns how many instances were deleted.
    /// </summary>
    /// <param name="createdFrom">Created at or after this time.</param>
    /// <param name="createdTo">Created at or before this time, when given.</param>
    /// <param name="statuses">Only these terminal statuses; all terminal statuses when null or empty.</param>
    /// <param name="cancellation">Cancels the reads.</param>
    public async Task<int> PurgeAsync(
        DateTimeOffset? createdFrom, DateTimeOffset? createdTo, IReadOnlyCollection<OrchestrationStatus>? statuses, CancellationToken cancellation = default)
    {
        EnsureRunning();
        OrchestrationStatus[] purgeable = statuses is { Count: > 0 } wanted
            ? TerminalStatuses.Where(wanted.Contains).ToArray()
            : TerminalStatuses;
        if (purgeable.Length == 0)
        {
            return 0;
        }

        var records = new List<InstanceRecord>();
        string? token = null;
        do
        {
            InstancePage page = await _store.QueryInstancesAsync(
                new InstanceQuery
                {
                    CreatedFrom = createdFrom?.UtcDateTime,
                    CreatedTo = createdTo?.UtcDateTime,
                    Statuses = purgeable,
                    PageSize = 500,
                    ContinuationToken = token,
                },
                cancellation).ConfigureAwait(false);
            records.AddRange(page.Instances);
            token = page.ContinuationToken;
        }
        while (token is not null);

        bool[] purged = await Task.WhenAll(records.Select(PurgeRecordAsync)).ConfigureAwait(false);
        return purged.Count(p => p);
    }

    /// <summary>Starts a finished instance again with its name, version, input and tags; returns the id used.</summary>
    /// <param name="instanceId">The instance to restart.</param>
    /// <param name="restartWithNewInstanceId">Start under a new id (the old instance may then be in any status) instead of replacing it.</param>
    /// <param name="cancellation">Cancels before the start is queued.</param>
    /// <exception cref="InstanceNotFoundException">No such instance.</exception>
    /// <exception cref="InvalidInstanceStateException">Restarting under the same id, and the instance is not terminal.</exception>
    public async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        EnsureRunning();
        InstanceRecord record = await _store.GetInstanceAsync(instanceId, true, cancellation).ConfigureAwait(false)
            ?? throw new InstanceNotFoundException(instanceId);
        if (!restartWithNewInstanceId && !record.Status.IsTerminal())
        {
            throw new InvalidInstanceStateException(instanceId, record.Status, "restart");
        }

        var request = new StartInstanceRequest(record.Name)
        {
            InstanceId = restartWithNewInstanceId ? null : instanceId,
            Input = record.Input,
            Version = record.Version,
            Tags = record.Tags,
        };
        return await CreateInstanceAsync(request, cancellation).ConfigureAwait(false);
    }

    /// <summary>Reads the current execution's history, oldest first.</summary>
    /// <exception cref="InstanceNotFoundException">No such instance.</exception>
    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        EnsureRunning();
        lock (_gate)
        {
            if (_active.TryGetValue(instanceId, out InstanceState? state) && !state.Busy &&
                state.History is { } log && log.Count == state.Record.HistoryLength)
            {
                return log.Snapshot();
            }
        }

        InstanceRecord record = await _store.GetInstanceAsync(instanceId, false, cancellation).ConfigureAwait(false)
            ?? throw new InstanceNotFoundException(instanceId);
        return await _store.GetHistoryAsync(instanceId, record.ExecutionId, cancellation).ConfigureAwait(false);
    }

    private async Task<bool> PurgeRecordAsync(InstanceRecord record)
    {
        var request = new CommitRequest
        {
            Conditions = [InstanceCondition.VersionEquals(record.InstanceId, record.RowVersion)],
            Purges = [record.InstanceId],
        };
        CommitOutcome outcome = await _commits.SubmitAsync(request, o =>
        {
            if (o.Committed)
            {
                ApplyCommitted(request, null);
            }
        }).ConfigureAwait(false);
        return outcome.Committed;
    }

    private async Task SendControlAsync(
        string instanceId, Func<DateTime, HistoryEvent> createEvent, string operation, bool terminalIsNoOp, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        EnsureRunning();
        bool active;
        lock (_gate)
        {
            active = _active.ContainsKey(instanceId);
        }

        if (!active)
        {
            InstanceRecord record = await _store.GetInstanceAsync(instanceId, false, cancellation).ConfigureAwait(false)
                ?? throw new InstanceNotFoundException(instanceId);
            if (terminalIsNoOp && record.Status.IsTerminal())
            {
                return;
            }

            // On a shared store an active row this engine does not run belongs to another engine (or is about to be
            // picked up here): the message goes to its inbox, where the owner finds it.
            if (_ownership is null || record.Status.IsTerminal())
            {
                throw new InvalidInstanceStateException(instanceId, record.Status, operation);
            }
        }

        DateTime now = Now;
        var request = new CommitRequest { InboxInserts = [Message(instanceId, createEvent(now), now)] };
        await _commits.SubmitAsync(request, o => ApplyCommitted(request, null)).ConfigureAwait(false);
    }

    private async Task<InstanceSnapshot> WaitForAsync(
        string instanceId, bool includePayloads, Func<InstanceSnapshot, bool> done, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        while (true)
        {
            // Checked on every pass: stopping the engine wakes every waiter, which must then fail rather than wait again.
            EnsureRunning();

            // Register before checking, so a change committed between the check and the wait is not missed.
            TaskCompletionSource changed = _watchers.Register(instanceId);
            try
            {
                if (MayBeDone(instanceId, includePayloads, done))
                {
                    InstanceSnapshot metadata = await GetInstanceAsync(instanceId, includePayloads, cancellation).ConfigureAwait(false)
                        ?? throw new InstanceNotFoundException(instanceId);
                    if (done(metadata))
                    {
                        return metadata;
                    }
                }

                await WaitForChangeAsync(instanceId, changed.Task, cancellation).ConfigureAwait(false);
            }
            finally
            {
                _watchers.Unregister(instanceId, changed);
            }
        }
    }

    /// <summary>
    /// Whether the store is worth reading for a waiter: false only when the instance is active and its in-memory row
    /// does not satisfy <paramref name="done"/>. The in-memory row is applied only after the store committed it, so it is
    /// never ahead of the store; when the store is ahead, the commit's application notifies the waiter, which checks again.
    /// </summary>
    private bool MayBeDone(string instanceId, bool includePayloads, Func<InstanceSnapshot, bool> done)
    {
        InstanceRecord? record;
        lock (_gate)
        {
            record = _active.TryGetValue(instanceId, out InstanceState? state) ? state.Record : null;
        }

        // Not active: terminal, purged, unknown or not yet applied; only the store can say. The condition runs outside
        // the engine lock because it is the caller's code (records are immutable, so the snapshot is safe to read).
        return record is null || done(InstanceMapper.ToMetadata(record, includePayloads));
    }
}

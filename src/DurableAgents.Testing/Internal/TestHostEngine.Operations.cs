using System.Globalization;
using DurableAgents.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Testing.Internal;

/// <summary>What the test host's client asks of the engine. Mutations return once the host is idle again.</summary>
internal sealed partial class TestHostEngine
{
    public async Task<string> ScheduleAsync(TaskName name, object? input, StartOrchestrationOptions? options, CancellationToken cancellation)
    {
        string instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        string? serializedInput = _converter.Serialize(input);
        lock (_lock)
        {
            ThrowIfUnusable();
            if (_instances.TryGetValue(instanceId, out InstanceState? existing) && !existing.Status.IsTerminal())
            {
                throw new InstanceAlreadyExistsException(instanceId, existing.Status);
            }

            DateTime? startAt = options?.StartAt is { } start && start.UtcDateTime > _now ? start.UtcDateTime : null;
            // The official options default to an empty tag set; an instance without tags records none.
            CreateInstanceLocked(instanceId, name.Name, null, serializedInput, null, options?.Tags is { Count: > 0 } tags ? tags : null, startAt);
        }

        await WhenIdleAsync(cancellation).ConfigureAwait(false);
        return instanceId;
    }

    public OrchestrationMetadata? GetInstance(string instanceId, bool getInputsAndOutputs)
    {
        lock (_lock)
        {
            ThrowIfUnusable();
            return _instances.TryGetValue(instanceId, out InstanceState? instance) ? instance.ToMetadata(getInputsAndOutputs, _converter) : null;
        }
    }

    public Task<OrchestrationMetadata> WaitForAsync(string instanceId, Func<OrchestrationStatus, bool> condition, bool getInputsAndOutputs, CancellationToken cancellation)
    {
        InstanceWaiter waiter;
        InstanceState instance;
        lock (_lock)
        {
            ThrowIfUnusable();
            instance = GetExistingLocked(instanceId);
            if (condition(instance.Status))
            {
                return Task.FromResult(instance.ToMetadata(getInputsAndOutputs, _converter));
            }

            waiter = new InstanceWaiter(condition, getInputsAndOutputs);
            instance.Waiters.Add(waiter);
            _timeDemand++;
            Signal();
        }

        if (cancellation.CanBeCanceled)
        {
            CancellationTokenRegistration registration = cancellation.Register(() =>
            {
                lock (_lock)
                {
                    if (instance.Waiters.Remove(waiter))
                    {
                        _timeDemand--;
                        waiter.Completion.TrySetCanceled(cancellation);
                    }
                }
            });
            waiter.Completion.Task.ContinueWith(
                static (_, state) => ((CancellationTokenRegistration)state!).Dispose(),
                registration, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return waiter.Completion.Task;
    }

    public Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        string? data = _converter.Serialize(payload);
        return MutateAsync(instanceId, "raise an event on", instance => DeliverLocked(instance, new EventRaisedEvent(-1, _now, eventName, data)), cancellation);
    }

    public Task TerminateAsync(string instanceId, TerminateInstanceOptions? options, CancellationToken cancellation)
    {
        options ??= new TerminateInstanceOptions();  // not recursive, as the official client's default
        string? reason = _converter.Serialize(options.Output);
        lock (_lock)
        {
            ThrowIfUnusable();
            InstanceState instance = GetExistingLocked(instanceId);
            if (!instance.Status.IsTerminal())
            {
                instance.TerminateRecursively = options.Recursive;
                instance.NotBefore = default;
                DeliverLocked(instance, new ExecutionTerminatedEvent(-1, _now, reason, options.Recursive));
            }
        }

        return WhenIdleAsync(cancellation);
    }

    public Task SuspendAsync(string instanceId, string? reason, CancellationToken cancellation) =>
        MutateAsync(instanceId, "suspend", instance => DeliverLocked(instance, new ExecutionSuspendedEvent(-1, _now, reason)), cancellation);

    public Task ResumeAsync(string instanceId, string? reason, CancellationToken cancellation) =>
        MutateAsync(instanceId, "resume", instance => DeliverLocked(instance, new ExecutionResumedEvent(-1, _now, reason)), cancellation);

    public Page<OrchestrationMetadata> Query(OrchestrationQuery query, string? continuationToken)
    {
        int skip = 0;
        string? token = continuationToken ?? query.ContinuationToken;
        if (!string.IsNullOrEmpty(token) && (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out skip) || skip < 0))
        {
            throw new ArgumentException($"'{token}' is not a continuation token this host issued; pass the token from the previous page.", nameof(continuationToken));
        }

        int pageSize = query.PageSize > 0 ? query.PageSize : OrchestrationQuery.DefaultPageSize;
        lock (_lock)
        {
            ThrowIfUnusable();
            List<InstanceState> matches = [.. _instances.Values
                .Where(i => Matches(i, query))
                .OrderBy(i => i.CreatedAt)
                .ThenBy(i => i.InstanceId, StringComparer.Ordinal)];
            List<OrchestrationMetadata> page = [.. matches.Skip(skip).Take(pageSize).Select(i => i.ToMetadata(query.FetchInputsAndOutputs, _converter))];
            int next = skip + page.Count;
            return new Page<OrchestrationMetadata>(page, next < matches.Count ? next.ToString(CultureInfo.InvariantCulture) : null);
        }
    }

    public PurgeResult Purge(string instanceId, bool recursive)
    {
        lock (_lock)
        {
            ThrowIfUnusable();
            if (!_instances.TryGetValue(instanceId, out InstanceState? instance))
            {
                return new PurgeResult(0);
            }

            if (!instance.Status.IsTerminal())
            {
                throw new InvalidInstanceStateException(instanceId, instance.Status, "purge");
            }

            return new PurgeResult(PurgeLocked(instance, recursive));
        }
    }

    public PurgeResult PurgeAll(PurgeInstancesFilter filter, bool recursive)
    {
        ArgumentNullException.ThrowIfNull(filter);
        lock (_lock)
        {
            ThrowIfUnusable();
            int purged = 0;
            foreach (InstanceState instance in _instances.Values.Where(i => i.Status.IsTerminal()
                && (filter.CreatedFrom is null || i.CreatedAt >= filter.CreatedFrom.Value.UtcDateTime)
                && (filter.CreatedTo is null || i.CreatedAt <= filter.CreatedTo.Value.UtcDateTime)
                && (filter.Statuses is null || filter.Statuses.Contains(i.Status.ToRuntimeStatus()))).ToList())
            {
                if (_instances.ContainsKey(instance.InstanceId))
                {
                    purged += PurgeLocked(instance, recursive);
                }
            }

            return new PurgeResult(purged);
        }
    }

    public async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId, CancellationToken cancellation)
    {
        string newId;
        lock (_lock)
        {
            ThrowIfUnusable();
            InstanceState instance = GetExistingLocked(instanceId);
            if (!instance.Status.IsTerminal())
            {
                throw new InvalidInstanceStateException(instanceId, instance.Status, "restart");
            }

            newId = restartWithNewInstanceId ? Guid.NewGuid().ToString("N") : instanceId;
            CreateInstanceLocked(newId, instance.Name, instance.Version, instance.OriginalInput, null, instance.Tags, startAt: null);
        }

        await WhenIdleAsync(cancellation).ConfigureAwait(false);
        return newId;
    }

    public IList<HistoryEvent> GetHistory(string instanceId)
    {
        lock (_lock)
        {
            ThrowIfUnusable();
            return GetExistingLocked(instanceId).History.ToList();
        }
    }

    private void CreateInstanceLocked(
        string instanceId, string name, string? version, string? serializedInput, ParentInstanceInfo? parent,
        IReadOnlyDictionary<string, string>? tags, DateTime? startAt)
    {
        var instance = new InstanceState(instanceId, name, _now)
        {
            Version = version,
            ExecutionId = NextExecutionId(instanceId),
            Input = serializedInput,
            OriginalInput = serializedInput,
            Parent = parent,
            Tags = tags,
            ScheduledStartAt = startAt,
            NotBefore = startAt ?? default,
        };
        _instances[instanceId] = instance;
        instance.Inbox.Add(new ExecutionStartedEvent(-1, _now, name, instanceId, instance.ExecutionId, serializedInput, version, parent, startAt, tags));
        if (startAt is { } due)
        {
            AddTimerLocked(new PendingTimer(instanceId, instance.ExecutionId, due, null));
        }
        else
        {
            QueueEpisodeLocked(instance);
        }
    }

    private int PurgeLocked(InstanceState instance, bool recursive)
    {
        _instances.Remove(instance.InstanceId);
        int purged = 1;
        if (recursive)
        {
            foreach (InstanceState child in _instances.Values.Where(c => c.Parent?.InstanceId == instance.InstanceId && c.Status.IsTerminal()).ToList())
            {
                purged += PurgeLocked(child, recursive);
            }
        }

        return purged;
    }

    private async Task MutateAsync(string instanceId, string operation, Action<InstanceState> mutate, CancellationToken cancellation)
    {
        lock (_lock)
        {
            ThrowIfUnusable();
            InstanceState instance = GetExistingLocked(instanceId);
            if (instance.Status.IsTerminal())
            {
                throw new InvalidInstanceStateException(instanceId, instance.Status, operation);
            }

            mutate(instance);
        }

        await WhenIdleAsync(cancellation).ConfigureAwait(false);
    }

    private InstanceState GetExistingLocked(string instanceId) =>
        _instances.TryGetValue(instanceId, out InstanceState? instance) ? instance : throw new InstanceNotFoundException(instanceId);

    private static bool Matches(InstanceState instance, OrchestrationQuery query) =>
        (query.CreatedFrom is null || instance.CreatedAt >= query.CreatedFrom.Value.UtcDateTime)
        && (query.CreatedTo is null || instance.CreatedAt <= query.CreatedTo.Value.UtcDateTime)
        && (query.Statuses is null || query.Statuses.Contains(instance.Status.ToRuntimeStatus()))
        && (query.InstanceIdPrefix is null || instance.InstanceId.StartsWith(query.InstanceIdPrefix, StringComparison.Ordinal));
}

using DurableAgents.Converters;
using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Entities;

namespace DurableAgents.TaskHub;

/// <summary>
/// The official <see cref="DurableTaskClient"/> over a <see cref="TaskHubEngine"/> in the same process: no network hop.
/// Callers see what the official gRPC client shows them against the sidecar (which runs the same engine):
/// <list type="bullet">
/// <item>starting an id that is in use raises <see cref="InstanceAlreadyExistsException"/>, an official <c>OrchestrationAlreadyExistsException</c>;</item>
/// <item>raising an event on, terminating, suspending or resuming an unknown instance raises <see cref="RpcException"/> with
/// <see cref="StatusCode.NotFound"/>; doing so on a finished instance does nothing;</item>
/// <item>restarting an unknown instance raises <see cref="InstanceNotFoundException"/> (an <see cref="ArgumentException"/>);
/// restarting or purging an instance in the wrong status raises <see cref="InvalidInstanceStateException"/> (an <see cref="InvalidOperationException"/>).</item>
/// </list>
/// </summary>
public sealed class TaskHubClient : DurableTaskClient
{
    private static readonly OrchestrationStatus[] TerminalStatuses =
        [OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Terminated, OrchestrationStatus.Canceled];

    private readonly TaskHubEngine _engine;

    /// <summary>Creates a client over <paramref name="engine"/>; payloads are converted with <paramref name="converter"/> (the HTTP API's camelCase JSON by default).</summary>
    public TaskHubClient(TaskHubEngine engine, DataConverter? converter = null, string name = "TaskHub")
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        DataConverter = converter ?? WebJsonDataConverter.Default;
    }

    /// <summary>Converts inputs, outputs and event payloads; <see cref="OrchestrationMetadata"/> reads with it too.</summary>
    public DataConverter DataConverter { get; }

    /// <inheritdoc/>
    public override DurableEntityClient Entities =>
        throw new NotSupportedException("The DurableAgents task hub does not support durable entities; use orchestrations and external events instead.");

    /// <inheritdoc/>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName.Name, nameof(orchestratorName));
        string? version = options?.Version is { } requested && !string.IsNullOrEmpty(requested.Version) ? requested.Version : null;
        (System.Diagnostics.Activity? span, History.TraceContext? parent) = ClientStartSpan.Start(orchestratorName.Name, version);
        using System.Diagnostics.Activity? stopsAfterTheStart = span;
        var request = new StartInstanceRequest(orchestratorName.Name)
        {
            ParentTraceContext = parent,
            InstanceId = options?.InstanceId,
            Input = DataConverter.Serialize(input),
            Version = version,
            ScheduledStartTime = options?.StartAt,
            Tags = options?.Tags is { Count: > 0 } tags ? new Dictionary<string, string>(tags, StringComparer.Ordinal) : null,
            ReplaceableStatuses = options?.DedupeStatuses is { } dedupe ? ReplaceableStatuses(dedupe) : null,
        };
        string instanceId = await _engine.CreateInstanceAsync(request, cancellation).ConfigureAwait(false);
        span?.SetTag("durabletask.task.instance_id", instanceId);
        return instanceId;
    }

    /// <inheritdoc/>
    public override async Task<OrchestrationMetadata?> GetInstancesAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        InstanceSnapshot? snapshot = await _engine.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false);
        return snapshot?.ToOrchestrationMetadata(DataConverter);
    }

    /// <inheritdoc/>
    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        (await _engine.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false))
            .ToOrchestrationMetadata(DataConverter);

    /// <inheritdoc/>
    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        (await _engine.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false))
            .ToOrchestrationMetadata(DataConverter);

    /// <inheritdoc/>
    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        AsSidecarWouldAsync(_engine.RaiseEventAsync(instanceId, eventName, DataConverter.Serialize(eventPayload), cancellation));

    /// <inheritdoc/>
    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) =>
        AsSidecarWouldAsync(_engine.TerminateAsync(instanceId, DataConverter.Serialize(options?.Output), options?.Recursive ?? false, cancellation));

    /// <inheritdoc/>
    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        AsSidecarWouldAsync(_engine.SuspendAsync(instanceId, reason, cancellation));

    /// <inheritdoc/>
    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        AsSidecarWouldAsync(_engine.ResumeAsync(instanceId, reason, cancellation));

    /// <inheritdoc/>
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        OrchestrationQuery query = filter ?? new OrchestrationQuery();
        return Pageable.Create(async (string? continuation, int? pageSize, CancellationToken cancellation) =>
        {
            Page<InstanceSnapshot> page = await _engine.QueryAsync(
                new InstanceFilter
                {
                    CreatedFrom = query.CreatedFrom,
                    CreatedTo = query.CreatedTo,
                    Statuses = query.Statuses?.Select(s => s.ToOrchestrationStatus()).ToArray(),
                    InstanceIdPrefix = query.InstanceIdPrefix,
                    PageSize = pageSize ?? query.PageSize,
                    FetchInputsAndOutputs = query.FetchInputsAndOutputs,
                    ContinuationToken = continuation ?? query.ContinuationToken,
                },
                cancellation).ConfigureAwait(false);
            return new Page<OrchestrationMetadata>(
                page.Values.Select(s => s.ToOrchestrationMetadata(DataConverter)).ToList(), page.ContinuationToken);
        });
    }

    /// <inheritdoc/>
    /// <remarks>The engine keeps no sub-orchestration links for purging, so <see cref="PurgeInstanceOptions.Recursive"/> has no effect.</remarks>
    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        new(await _engine.PurgeAsync(instanceId, cancellation).ConfigureAwait(false));

    /// <inheritdoc/>
    public override async Task<PurgeResult> PurgeAllInstancesAsync(
        PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        OrchestrationStatus[]? statuses = filter.Statuses?.Select(s => s.ToOrchestrationStatus()).ToArray();
        return new(await _engine.PurgeAsync(filter.CreatedFrom, filter.CreatedTo, statuses, cancellation).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public override Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default) =>
        _engine.RestartAsync(instanceId, restartWithNewInstanceId, cancellation);

    /// <inheritdoc/>
    /// <remarks>The engine belongs to the host (it is a hosted service); the client holds nothing of its own.</remarks>
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// The official client's dedupe statuses (those that block a new start) as the engine's replaceable statuses (the
    /// terminal statuses that do not), as the official client turns them into the protocol's reuse policy.
    /// </summary>
    private static HashSet<OrchestrationStatus> ReplaceableStatuses(IReadOnlyList<string> dedupeStatuses)
    {
        var blocked = new HashSet<OrchestrationStatus>();
        foreach (string name in dedupeStatuses)
        {
            if (!Enum.TryParse(name, ignoreCase: true, out OrchestrationRuntimeStatus status) || !Enum.IsDefined(status))
            {
                throw new ArgumentException($"Invalid orchestration runtime status: '{name}' for deduplication.", nameof(dedupeStatuses));
            }

            blocked.Add(status.ToOrchestrationStatus());
        }

        return TerminalStatuses.Where(s => !blocked.Contains(s)).ToHashSet();
    }

    /// <summary>
    /// Applies the sidecar's rules for signals, so the in-process client behaves as the official gRPC client does against it:
    /// a finished instance ignores the signal, and an unknown one is NOT_FOUND.
    /// </summary>
    private static async Task AsSidecarWouldAsync(Task signal)
    {
        try
        {
            await signal.ConfigureAwait(false);
        }
        catch (InvalidInstanceStateException finished) when (finished.Status.IsTerminal())
        {
            // The Durable Task protocol discards signals to finished instances.
        }
        catch (InstanceNotFoundException notFound)
        {
            throw new RpcException(new Status(StatusCode.NotFound, notFound.Message, notFound));
        }
    }
}

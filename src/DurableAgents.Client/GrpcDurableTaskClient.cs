using DurableAgents.Converters;
using DurableAgents.History;
using DurableAgents.Protocol;
using Grpc.Core;
using Google.Protobuf.WellKnownTypes;
using Microsoft.DurableTask;
using Proto = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Client;

/// <summary>A <see cref="DurableTaskClient"/> that talks to a sidecar over the durabletask gRPC protocol.</summary>
public sealed class GrpcDurableTaskClient : DurableTaskClient, IDisposable
{
    private readonly SidecarConnection _connection;
    private readonly Proto.TaskHubSidecarService.TaskHubSidecarServiceClient _sidecar;
    private readonly DataConverter _dataConverter;
    private readonly string _address;

    /// <summary>Creates a client for the sidecar described by <paramref name="options"/>.</summary>
    public GrpcDurableTaskClient(GrpcDurableTaskClientOptions options, string? name = null)
        : base(name ?? "grpc")
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Address);
        _dataConverter = options.DataConverter ?? WebJsonDataConverter.Default;
        _address = options.Address;
        _connection = SidecarConnection.Open(options.Address, options.ApiKey, options.ApiKeyHeaderName);
        _sidecar = _connection.Client;
    }

    /// <summary>The sidecar address this client talks to.</summary>
    public string Address => _address;

    /// <inheritdoc/>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName.Name, nameof(orchestratorName));
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var request = new Proto.CreateInstanceRequest
        {
            InstanceId = instanceId,
            Name = orchestratorName.Name,
            Input = _dataConverter.Serialize(input),
            ScheduledStartTimestamp = options?.StartAt is { } startAt ? Timestamp.FromDateTimeOffset(startAt) : null,
        };
        foreach (var (key, value) in options?.Tags ?? new Dictionary<string, string>())
        {
            request.Tags[key] = value;
        }

        var response = await CallAsync(instanceId, "start", ct => _sidecar.StartInstanceAsync(request, cancellationToken: ct).ResponseAsync, cancellation).ConfigureAwait(false);
        return string.IsNullOrEmpty(response.InstanceId) ? instanceId : response.InstanceId;
    }

    /// <inheritdoc/>
    public override async Task<OrchestrationMetadata?> GetInstanceAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var request = new Proto.GetInstanceRequest { InstanceId = instanceId, GetInputsAndOutputs = getInputsAndOutputs };
        var response = await CallAsync(instanceId, "read", ct => _sidecar.GetInstanceAsync(request, cancellationToken: ct).ResponseAsync, cancellation).ConfigureAwait(false);
        return response.Exists ? ToMetadata(response.OrchestrationState) : null;
    }

    /// <inheritdoc/>
    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var request = new Proto.GetInstanceRequest { InstanceId = instanceId, GetInputsAndOutputs = getInputsAndOutputs };
        var response = await CallAsync(instanceId, "wait for the start of", ct => _sidecar.WaitForInstanceStartAsync(request, cancellationToken: ct).ResponseAsync, cancellation)
            .ConfigureAwait(false);
        return response.Exists
            ? ToMetadata(response.OrchestrationState)
            : throw new InstanceNotFoundException(instanceId);
    }

    /// <inheritdoc/>
    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var request = new Proto.GetInstanceRequest { InstanceId = instanceId, GetInputsAndOutputs = getInputsAndOutputs };
        var response = await CallAsync(instanceId, "wait for the completion of", ct => _sidecar.WaitForInstanceCompletionAsync(request, cancellationToken: ct).ResponseAsync, cancellation)
            .ConfigureAwait(false);
        return response.Exists
            ? ToMetadata(response.OrchestrationState)
            : throw new InstanceNotFoundException(instanceId);
    }

    /// <inheritdoc/>
    public override async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var request = new Proto.RaiseEventRequest { InstanceId = instanceId, Name = eventName, Input = _dataConverter.Serialize(eventPayload) };
        await CallAsync(instanceId, "raise an event on", ct => _sidecar.RaiseEventAsync(request, cancellationToken: ct).ResponseAsync, cancellation).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override async Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        options ??= new TerminateInstanceOptions();
        var request = new Proto.TerminateRequest { InstanceId = instanceId, Output = _dataConverter.Serialize(options.Output), Recursive = options.Recursive };
        await CallAsync(instanceId, "terminate", ct => _sidecar.TerminateInstanceAsync(request, cancellationToken: ct).ResponseAsync, cancellation).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override async Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var request = new Proto.SuspendRequest { InstanceId = instanceId, Reason = reason };
        await CallAsync(instanceId, "suspend", ct => _sidecar.SuspendInstanceAsync(request, cancellationToken: ct).ResponseAsync, cancellation).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override async Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var request = new Proto.ResumeRequest { InstanceId = instanceId, Reason = reason };
        await CallAsync(instanceId, "resume", ct => _sidecar.ResumeInstanceAsync(request, cancellationToken: ct).ResponseAsync, cancellation).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        filter ??= new OrchestrationQuery();
        return new AsyncPageable<OrchestrationMetadata>(async (continuationToken, pageSizeHint, cancellation) =>
        {
            var query = new Proto.InstanceQuery
            {
                CreatedTimeFrom = filter.CreatedFrom is { } from ? Timestamp.FromDateTimeOffset(from) : null,
                CreatedTimeTo = filter.CreatedTo is { } to ? Timestamp.FromDateTimeOffset(to) : null,
                MaxInstanceCount = pageSizeHint ?? filter.PageSize,
                ContinuationToken = continuationToken ?? filter.ContinuationToken,
                InstanceIdPrefix = filter.InstanceIdPrefix,
                FetchInputsAndOutputs = filter.FetchInputsAndOutputs,
            };
            if (filter.Statuses is { } statuses)
            {
                query.RuntimeStatus.AddRange(statuses.Select(s => (Proto.OrchestrationStatus)(int)s));
            }

            var request = new Proto.QueryInstancesRequest { Query = query };
            var response = await CallAsync(null, "query instances", ct => _sidecar.QueryInstancesAsync(request, cancellationToken: ct).ResponseAsync, cancellation).ConfigureAwait(false);
            var values = response.OrchestrationState.Select(s => ToMetadata(s)).ToList();
            return new Page<OrchestrationMetadata>(values, string.IsNullOrEmpty(response.ContinuationToken) ? null : response.ContinuationToken);
        });
    }

    /// <inheritdoc/>
    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var request = new Proto.PurgeInstancesRequest { InstanceId = instanceId, Recursive = options?.Recursive ?? false };
        var response = await CallAsync(instanceId, "purge", ct => _sidecar.PurgeInstancesAsync(request, cancellationToken: ct).ResponseAsync, cancellation).ConfigureAwait(false);
        return new PurgeResult(response.DeletedInstanceCount);
    }

    /// <inheritdoc/>
    public override async Task<PurgeResult> PurgeAllInstancesAsync(
        PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var purgeFilter = new Proto.PurgeInstanceFilter
        {
            CreatedTimeFrom = Timestamp.FromDateTimeOffset(filter.CreatedFrom),
            CreatedTimeTo = filter.CreatedTo is { } to ? Timestamp.FromDateTimeOffset(to) : null,
        };
        if (filter.Statuses is { } statuses)
        {
            purgeFilter.RuntimeStatus.AddRange(statuses.Select(s => (Proto.OrchestrationStatus)(int)s));
        }

        var request = new Proto.PurgeInstancesRequest { PurgeInstanceFilter = purgeFilter, Recursive = options?.Recursive ?? false };
        var response = await CallAsync(null, "purge instances", ct => _sidecar.PurgeInstancesAsync(request, cancellationToken: ct).ResponseAsync, cancellation).ConfigureAwait(false);
        return new PurgeResult(response.DeletedInstanceCount);
    }

    /// <inheritdoc/>
    public override async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var request = new Proto.RestartInstanceRequest { InstanceId = instanceId, RestartWithNewInstanceId = restartWithNewInstanceId };
        var response = await CallAsync(instanceId, "restart", ct => _sidecar.RestartInstanceAsync(request, cancellationToken: ct).ResponseAsync, cancellation).ConfigureAwait(false);
        return response.InstanceId;
    }

    /// <inheritdoc/>
    public override async Task<IList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var request = new Proto.StreamInstanceHistoryRequest { InstanceId = instanceId };
        return await CallAsync(instanceId, "read the history of", async ct =>
        {
            var events = new List<HistoryEvent>();
            using AsyncServerStreamingCall<Proto.HistoryChunk> stream = _sidecar.StreamInstanceHistory(request, cancellationToken: ct);
            await foreach (var chunk in stream.ResponseStream.ReadAllAsync(ct).ConfigureAwait(false))
            {
                events.AddRange(ProtoConverter.ToHistoryEvents(chunk.Events));
            }

            return events;
        }, cancellation).ConfigureAwait(false);
    }

    /// <summary>Closes the connection to the sidecar; calls in flight fail.</summary>
    public void Dispose()
    {
        _connection.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc/>
    public override ValueTask DisposeAsync()
    {
        _connection.Dispose();
        return base.DisposeAsync();
    }

    private async Task<T> CallAsync<T>(string? instanceId, string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellation)
    {
        try
        {
            return await call(cancellation).ConfigureAwait(false);
        }
        catch (RpcException error)
        {
            var translated = await RpcErrorMapper.TranslateAsync(error, _address, instanceId, operation, ReadStatusAsync, cancellation).ConfigureAwait(false);
            if (ReferenceEquals(translated, error))
            {
                throw;
            }

            throw translated;
        }
    }

    private OrchestrationMetadata ToMetadata(Proto.OrchestrationState state) =>
        ProtoConverter.ToOrchestrationMetadata(state) with { DataConverter = _dataConverter };

    private async Task<OrchestrationStatus?> ReadStatusAsync(string instanceId, CancellationToken cancellation)
    {
        var response = await _sidecar.GetInstanceAsync(new Proto.GetInstanceRequest { InstanceId = instanceId }, cancellationToken: cancellation).ConfigureAwait(false);
        return response.Exists ? (OrchestrationStatus)(int)response.OrchestrationState.OrchestrationStatus : null;
    }
}

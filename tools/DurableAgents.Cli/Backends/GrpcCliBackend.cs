using System.Text.Json;
using DurableAgents.Approvals;
using DurableAgents.Cli.Errors;
using DurableAgents.Converters;
using DurableAgents.History;
using DurableAgents.Protocol;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Cli.Backends;

/// <summary>Talks to a sidecar's gRPC endpoint through the official client; histories come through <see cref="SidecarHistoryReader"/>.</summary>
internal sealed class GrpcCliBackend : ICliBackend, IHistoryEventSource
{
    private readonly DurableTaskClient _client;
    private readonly IInstanceHistoryReader _histories;
    private readonly IDisposable? _connection;

    public GrpcCliBackend(DurableTaskClient client, IInstanceHistoryReader histories, string address, IDisposable? connection = null)
    {
        _client = client;
        _histories = histories;
        _connection = connection;
        Description = $"the sidecar at {address}";
    }

    public string Description { get; }

    public static GrpcCliBackend Create(string address, string? apiKey)
    {
        SidecarConnection connection = SidecarConnection.Open(address, apiKey);

        // The HTTP API's camelCase JSON, so an answer or event sent with either backend reaches the worker the same way.
        return new GrpcCliBackend(
            connection.CreateDurableTaskClient(WebJsonDataConverter.Default, name: "durableagents-cli"), new SidecarHistoryReader(connection), address, connection);
    }

    public Task<string> StartAsync(string orchestratorName, JsonElement? input, string? instanceId, CancellationToken cancellation) =>
        _client.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, new StartOrchestrationOptions(instanceId), cancellation);

    // The protocol's OrchestrationState has no place for it and the official service gains no method for it here.
    public Task<string?> GetWaitingForWorkerAsync(string instanceId, CancellationToken cancellation) => Task.FromResult<string?>(null);

    public Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellation) =>
        _client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellation);

    public Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId, CancellationToken cancellation) =>
        _client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancellation);

    public async Task<IReadOnlyList<HistoryRow>> GetHistoryAsync(string instanceId, CancellationToken cancellation) =>
        HistoryRowMapper.FromEvents(await _histories.GetHistoryAsync(instanceId, cancellation));

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryEventsAsync(string instanceId, CancellationToken cancellation) =>
        _histories.GetHistoryAsync(instanceId, cancellation);

    public async Task<InstanceList> ListAsync(InstanceListRequest request, CancellationToken cancellation)
    {
        var query = new OrchestrationQuery
        {
            Statuses = request.Statuses?.Select(s => s.ToRuntimeStatus()).ToArray(),
            InstanceIdPrefix = request.InstanceIdPrefix,
            CreatedFrom = request.CreatedFrom,
            CreatedTo = request.CreatedTo,
            // One more than asked for tells whether there are more without a second round trip.
            PageSize = Math.Min(request.Top + 1, 1000),
            FetchInputsAndOutputs = false,
        };
        var instances = new List<OrchestrationMetadata>();
        await foreach (OrchestrationMetadata instance in _client.GetAllInstancesAsync(query).WithCancellation(cancellation))
        {
            if (instances.Count == request.Top)
            {
                return new InstanceList(instances, HasMore: true);
            }

            instances.Add(instance);
        }

        return new InstanceList(instances, HasMore: false);
    }

    public async Task RaiseEventAsync(string instanceId, string eventName, JsonElement? data, CancellationToken cancellation)
    {
        // The sidecar's gRPC door discards an event for a finished instance, as the Durable Task SDKs expect; a person at
        // a terminal is told instead, as the HTTP API does.
        await EnsureRunningAsync(instanceId, "raise an event on", cancellation);
        await _client.RaiseEventAsync(instanceId, eventName, data, cancellation);
    }

    public async Task<IReadOnlyList<PendingApproval>> ListApprovalsAsync(string? approvalName, CancellationToken cancellation)
    {
        // The waits are published in the custom status, which the sidecar returns only with inputs and outputs; only a
        // started, unfinished instance can wait, and a suspended one still does.
        var query = new OrchestrationQuery
        {
            Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended],
            FetchInputsAndOutputs = true,
            PageSize = 1000,
        };
        var pending = new List<PendingApproval>();
        await foreach (OrchestrationMetadata instance in _client.GetAllInstancesAsync(query).WithCancellation(cancellation))
        {
            if (ApprovalCustomStatus.TryParse(instance.SerializedCustomStatus, out ApprovalCustomStatus? status) &&
                status.WaitingForApproval is { } wait &&
                (approvalName is null || string.Equals(wait.Name, approvalName, StringComparison.Ordinal)))
            {
                pending.Add(new PendingApproval(
                    instance.InstanceId,
                    instance.Name,
                    instance.RuntimeStatus,
                    wait.Name,
                    Utc(wait.Since),
                    Utc(wait.ExpiresAt),
                    wait.Details is null ? null : JsonSerializer.Serialize(wait.Details)));
            }
        }

        return [.. pending.OrderBy(p => p.Since).ThenBy(p => p.InstanceId, StringComparer.Ordinal)];
    }

    public async Task ApproveAsync(string instanceId, string approvalName, ApprovalDecision decision, CancellationToken cancellation)
    {
        string eventName = ApprovalContextExtensions.GetEventName(approvalName);

        // The same checks the HTTP route makes, so an answer never lands on an instance that is not asking for it.
        OrchestrationMetadata instance = await GetInstanceAsync(instanceId, cancellation) ?? throw new InstanceNotFoundException(instanceId);
        ApprovalCustomStatus? status = ApprovalCustomStatus.TryParse(instance.SerializedCustomStatus, out ApprovalCustomStatus? parsed) ? parsed : null;
        if (instance.IsCompleted || status?.WaitingForApproval is not { } wait || !string.Equals(wait.Name, approvalName, StringComparison.Ordinal))
        {
            throw NotWaiting(instance, approvalName, status);
        }

        await _client.RaiseEventAsync(instanceId, eventName, decision, cancellation);
    }

    public async Task TerminateAsync(string instanceId, string? reason, CancellationToken cancellation)
    {
        // The sidecar accepts terminating a finished instance silently; say so instead, as the HTTP API does.
        await EnsureRunningAsync(instanceId, "terminate", cancellation);
        await _client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions { Output = reason }, cancellation);
    }

    public async Task SuspendAsync(string instanceId, string? reason, CancellationToken cancellation)
    {
        await EnsureRunningAsync(instanceId, "suspend", cancellation);
        await _client.SuspendInstanceAsync(instanceId, reason, cancellation);
    }

    public async Task ResumeAsync(string instanceId, string? reason, CancellationToken cancellation)
    {
        await EnsureRunningAsync(instanceId, "resume", cancellation);
        await _client.ResumeInstanceAsync(instanceId, reason, cancellation);
    }

    public async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId, CancellationToken cancellation)
    {
        // Checked here so both transports give the same answers: an unknown id, and the same id while it still runs.
        OrchestrationMetadata instance = await _client.GetInstanceAsync(instanceId, cancellation: cancellation)
            ?? throw new InstanceNotFoundException(instanceId);
        if (!restartWithNewInstanceId && !instance.IsCompleted)
        {
            throw new CliOperationException(
                $"Instance '{instanceId}' is {instance.RuntimeStatus}: restarting under the same id needs a finished instance. Leave out --same-id to start a copy under a new id.");
        }

        return await _client.RestartAsync(instanceId, restartWithNewInstanceId, cancellation);
    }

    public async Task<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellation) =>
        (await _client.PurgeInstanceAsync(instanceId, cancellation: cancellation)).PurgedInstanceCount;

    public async Task<int> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellation) =>
        (await _client.PurgeAllInstancesAsync(filter, cancellation: cancellation)).PurgedInstanceCount;

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        _connection?.Dispose();
    }

    private async Task EnsureRunningAsync(string instanceId, string operation, CancellationToken cancellation)
    {
        OrchestrationMetadata instance = await _client.GetInstanceAsync(instanceId, cancellation: cancellation)
            ?? throw new InstanceNotFoundException(instanceId);
        if (instance.IsCompleted)
        {
            throw new InvalidInstanceStateException(instanceId, instance.RuntimeStatus.ToOrchestrationStatus(), operation);
        }
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private static CliOperationException NotWaiting(OrchestrationMetadata instance, string approvalName, ApprovalCustomStatus? status)
    {
        if (status?.ApprovalDecided is { } decided && string.Equals(decided.Name, approvalName, StringComparison.Ordinal))
        {
            string outcome = decided.Outcome switch
            {
                ApprovalOutcome.Approved => "approved",
                ApprovalOutcome.Rejected => "rejected",
                _ => "timed out",
            };
            string by = decided.Approver is null ? string.Empty : $" by '{decided.Approver}'";
            return new CliOperationException($"Approval '{approvalName}' of instance '{instance.InstanceId}' was already {outcome}{by}; an approval is answered once.");
        }

        string now = instance.IsCompleted
            ? $"it is {instance.RuntimeStatus}"
            : status?.WaitingForApproval is { } other ? $"it is waiting for approval '{other.Name}'" : "it is not waiting for any approval";
        return new CliOperationException(
            $"Instance '{instance.InstanceId}' is not waiting for approval '{approvalName}': {now}. Check the name with `durableagents status {instance.InstanceId}`.");
    }
}

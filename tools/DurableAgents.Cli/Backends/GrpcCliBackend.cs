using System.Text.Json;
using DurableAgents.Approvals;
using DurableAgents.Cli.Errors;
using DurableAgents.Client;

namespace DurableAgents.Cli.Backends;

/// <summary>Talks to a sidecar's gRPC endpoint through <see cref="GrpcDurableTaskClient"/>.</summary>
internal sealed class GrpcCliBackend : ICliBackend, IHistoryEventSource
{
    private readonly DurableTaskClient _client;

    public GrpcCliBackend(DurableTaskClient client, string address)
    {
        _client = client;
        Description = $"the sidecar at {address}";
    }

    public string Description { get; }

    public static GrpcCliBackend Create(string address, string? apiKey)
    {
        var client = new GrpcDurableTaskClient(new GrpcDurableTaskClientOptions { Address = address, ApiKey = apiKey }, "durableagents-cli");
        return new GrpcCliBackend(client, address);
    }

    public Task<string> StartAsync(string orchestratorName, JsonElement? input, string? instanceId, CancellationToken cancellation) =>
        _client.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, new StartOrchestrationOptions(instanceId), cancellation);

    public Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellation) =>
        _client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellation);

    public Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId, CancellationToken cancellation) =>
        _client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancellation);

    public async Task<IReadOnlyList<HistoryRow>> GetHistoryAsync(string instanceId, CancellationToken cancellation) =>
        HistoryRowMapper.FromEvents(await _client.GetOrchestrationHistoryAsync(instanceId, cancellation));

    public Task<IList<History.HistoryEvent>> GetHistoryEventsAsync(string instanceId, CancellationToken cancellation) =>
        _client.GetOrchestrationHistoryAsync(instanceId, cancellation);

    public async Task<InstanceList> ListAsync(InstanceListRequest request, CancellationToken cancellation)
    {
        var query = new OrchestrationQuery
        {
            Statuses = request.Statuses,
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

    public async Task<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellation) =>
        (await _client.PurgeInstanceAsync(instanceId, cancellation: cancellation)).PurgedInstanceCount;

    public async Task<int> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellation) =>
        (await _client.PurgeAllInstancesAsync(filter, cancellation: cancellation)).PurgedInstanceCount;

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    private async Task EnsureRunningAsync(string instanceId, string operation, CancellationToken cancellation)
    {
        OrchestrationMetadata instance = await _client.GetInstanceAsync(instanceId, cancellation: cancellation)
            ?? throw new InstanceNotFoundException(instanceId);
        if (instance.IsCompleted)
        {
            throw new InvalidInstanceStateException(instanceId, instance.RuntimeStatus, operation);
        }
    }

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

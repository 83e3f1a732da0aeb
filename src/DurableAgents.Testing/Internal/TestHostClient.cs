using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Entities;

namespace DurableAgents.Testing.Internal;

/// <summary>The test host's official <see cref="DurableTaskClient"/>: every call goes straight to the in-memory engine.</summary>
internal sealed class TestHostClient(TestHostEngine engine) : DurableTaskClient("DurableTaskTestHost")
{
    public override DurableEntityClient Entities =>
        throw new NotSupportedException("The DurableAgents test host does not support durable entities.");

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default) =>
        engine.ScheduleAsync(orchestratorName, input, options, cancellation);

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Task.FromResult(engine.GetInstance(instanceId, getInputsAndOutputs));

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        engine.WaitForAsync(instanceId, static status => status != OrchestrationStatus.Pending, getInputsAndOutputs, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        engine.WaitForAsync(instanceId, static status => status.IsTerminal(), getInputsAndOutputs, cancellation);

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        engine.RaiseEventAsync(instanceId, eventName, eventPayload, cancellation);

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) =>
        engine.TerminateAsync(instanceId, options, cancellation);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        engine.SuspendAsync(instanceId, reason, cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        engine.ResumeAsync(instanceId, reason, cancellation);

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        OrchestrationQuery query = filter ?? new OrchestrationQuery();
        return Pageable.Create((string? token, int? pageSize, CancellationToken _) =>
            Task.FromResult(engine.Query(pageSize is { } size ? query with { PageSize = size } : query, token)));
    }

    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        Task.FromResult(engine.Purge(instanceId, options?.Recursive ?? false));

    public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        Task.FromResult(engine.PurgeAll(filter, options?.Recursive ?? false));

    public override Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default) =>
        engine.RestartAsync(instanceId, restartWithNewInstanceId, cancellation);

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

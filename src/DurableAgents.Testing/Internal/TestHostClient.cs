using DurableAgents.TaskHub;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Entities;

namespace DurableAgents.Testing.Internal;

/// <summary>
/// The test host's official <see cref="DurableTaskClient"/>: the production in-process client (<see cref="TaskHubClient"/>),
/// so every call means what it means against the sidecar, plus the host's timing. Calls that change an instance return
/// once the engine is idle again at the current virtual time; WaitForInstance* calls move virtual time to each next due
/// timer while they wait. After the host is disposed, calls and pending waits fail with <see cref="ObjectDisposedException"/>.
/// </summary>
internal sealed class TestHostClient(TaskHubClient inner, VirtualTimeDriver time, CancellationToken hostStopping)
    : DurableTaskClient("DurableTaskTestHost")
{
    public override DurableEntityClient Entities => inner.Entities;

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default) =>
        ChangeAsync(token => inner.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, options, token), cancellation);

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        ReadAsync(token => inner.GetInstancesAsync(instanceId, getInputsAndOutputs, token), cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        ReadAsync(token => time.WaitAdvancingAsync(t => inner.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs, t), token), cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        ReadAsync(token => time.WaitAdvancingAsync(t => inner.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs, t), token), cancellation);

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        ChangeAsync(token => inner.RaiseEventAsync(instanceId, eventName, eventPayload, token), cancellation);

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) =>
        ChangeAsync(token => inner.TerminateInstanceAsync(instanceId, options, token), cancellation);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        ChangeAsync(token => inner.SuspendInstanceAsync(instanceId, reason, token), cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        ChangeAsync(token => inner.ResumeInstanceAsync(instanceId, reason, token), cancellation);

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        ObjectDisposedException.ThrowIf(hostStopping.IsCancellationRequested, typeof(DurableTaskTestHost));
        return inner.GetAllInstancesAsync(filter);
    }

    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        ChangeAsync(token => inner.PurgeInstanceAsync(instanceId, options, token), cancellation);

    public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        ChangeAsync(token => inner.PurgeAllInstancesAsync(filter, options, token), cancellation);

    public override Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default) =>
        ChangeAsync(token => inner.RestartAsync(instanceId, restartWithNewInstanceId, token), cancellation);

    /// <summary>The host owns the engine; the client holds nothing of its own.</summary>
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task ChangeAsync(Func<CancellationToken, Task> change, CancellationToken cancellation) =>
        await ChangeAsync(async token =>
        {
            await change(token).ConfigureAwait(false);
            return true;
        }, cancellation).ConfigureAwait(false);

    /// <summary>Runs a call that may make work, then waits until the engine has done all of it at the current time.</summary>
    private Task<T> ChangeAsync<T>(Func<CancellationToken, Task<T>> change, CancellationToken cancellation) =>
        ReadAsync(async token =>
        {
            T result = await change(token).ConfigureAwait(false);
            await time.WhenIdleAsync(token).ConfigureAwait(false);
            return result;
        }, cancellation);

    /// <summary>Runs a call, failing it with <see cref="ObjectDisposedException"/> when the host is or gets disposed.</summary>
    private async Task<T> ReadAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellation)
    {
        ObjectDisposedException.ThrowIf(hostStopping.IsCancellationRequested, typeof(DurableTaskTestHost));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, hostStopping);
        try
        {
            return await call(linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (hostStopping.IsCancellationRequested && ex is OperationCanceledException or TaskHubNotRunningException)
        {
            throw new ObjectDisposedException($"The {nameof(DurableTaskTestHost)} was disposed while the call ran.", ex);
        }
    }
}

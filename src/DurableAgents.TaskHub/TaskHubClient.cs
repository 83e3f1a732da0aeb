using DurableAgents.Client;
using DurableAgents.Converters;
using DurableAgents.History;

using DataConverter = Microsoft.DurableTask.DataConverter;
using TaskName = Microsoft.DurableTask.TaskName;

namespace DurableAgents.TaskHub;

/// <summary>A <see cref="DurableTaskClient"/> that calls a <see cref="TaskHubEngine"/> in the same process.</summary>
public sealed class TaskHubClient : DurableTaskClient
{
    private readonly TaskHubEngine _engine;
    private readonly DataConverter _converter;

    /// <summary>Creates a client over <paramref name="engine"/>; payloads are converted with <paramref name="converter"/> (JSON by default).</summary>
    public TaskHubClient(TaskHubEngine engine, DataConverter? converter = null, string name = "TaskHub")
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        _converter = converter ?? WebJsonDataConverter.Default;
    }

    /// <inheritdoc/>
    public override Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default) =>
        _engine.CreateInstanceAsync(
            new StartInstanceRequest(orchestratorName.Name)
            {
                InstanceId = options?.InstanceId,
                Input = _converter.Serialize(input),
                ScheduledStartTime = options?.StartAt,
                Tags = options?.Tags,
            },
            cancellation);

    /// <inheritdoc/>
    public override async Task<OrchestrationMetadata?> GetInstanceAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WithConverter(await _engine.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false));

    /// <inheritdoc/>
    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WithConverter(await _engine.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false))!;

    /// <inheritdoc/>
    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WithConverter(await _engine.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false))!;

    /// <inheritdoc/>
    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        _engine.RaiseEventAsync(instanceId, eventName, _converter.Serialize(eventPayload), cancellation);

    /// <inheritdoc/>
    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        options ??= new TerminateInstanceOptions();
        return _engine.TerminateAsync(instanceId, _converter.Serialize(options.Output), options.Recursive, cancellation);
    }

    /// <inheritdoc/>
    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        _engine.SuspendAsync(instanceId, reason, cancellation);

    /// <inheritdoc/>
    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        _engine.ResumeAsync(instanceId, reason, cancellation);

    /// <inheritdoc/>
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        OrchestrationQuery query = filter ?? new OrchestrationQuery();
        return new AsyncPageable<OrchestrationMetadata>(async (token, pageSize, cancellation) =>
        {
            Page<OrchestrationMetadata> page = await _engine.QueryAsync(
                query with { ContinuationToken = token ?? query.ContinuationToken, PageSize = pageSize ?? query.PageSize },
                cancellation).ConfigureAwait(false);
            return new Page<OrchestrationMetadata>(page.Values.Select(m => WithConverter(m)!).ToList(), page.ContinuationToken);
        });
    }

    /// <inheritdoc/>
    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        _engine.PurgeAsync(instanceId, cancellation);

    /// <inheritdoc/>
    public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        _engine.PurgeAsync(filter, cancellation);

    /// <inheritdoc/>
    public override Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default) =>
        _engine.RestartAsync(instanceId, restartWithNewInstanceId, cancellation);

    /// <inheritdoc/>
    public override async Task<IList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default) =>
        (await _engine.GetHistoryAsync(instanceId, cancellation).ConfigureAwait(false)).ToList();

    private OrchestrationMetadata? WithConverter(OrchestrationMetadata? metadata) =>
        metadata is null ? null : metadata with { DataConverter = _converter };
}

using DurableAgents.History;

namespace DurableAgents.TaskHub;

/// <summary>Reads histories straight from a <see cref="TaskHubEngine"/> in the same process.</summary>
public sealed class TaskHubHistoryReader(TaskHubEngine engine) : IInstanceHistoryReader
{
    private readonly TaskHubEngine _engine = engine ?? throw new ArgumentNullException(nameof(engine));

    /// <inheritdoc/>
    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellation = default) =>
        _engine.GetHistoryAsync(instanceId, cancellation);
}

namespace DurableAgents.Conformance.Tests.Infrastructure;

using Microsoft.DurableTask.Client;

/// <summary>
/// What a scenario runs against: a sidecar, a worker that hosts <see cref="Scenarios.ConformanceScenarios.RegisterTasks"/>,
/// a client, and protocol-level access to recorded history. Each executor (official SDK worker, our own worker) supplies one.
/// </summary>
public abstract class ConformanceEnvironment : IAsyncDisposable
{
    /// <summary>The client scenarios start and manage instances with.</summary>
    public abstract DurableTaskClient Client { get; }

    /// <summary>The sidecar's gRPC address.</summary>
    public abstract Uri SidecarAddress { get; }

    /// <summary>Reads the instance's recorded history from the sidecar.</summary>
    public abstract Task<HistoryShape> ReadHistoryAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Stops the sidecar and starts a new one on the same database and port; the worker and client stay as they are.</summary>
    public abstract Task RestartSidecarAsync();

    /// <inheritdoc/>
    public abstract ValueTask DisposeAsync();
}

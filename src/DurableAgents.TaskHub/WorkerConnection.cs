using System.Threading.Channels;
using DurableAgents.TaskHub.Internal;

namespace DurableAgents.TaskHub;

/// <summary>
/// A connected worker's end of the engine: read <see cref="WorkItems"/> and answer each item through the
/// engine's Complete/Abandon methods. Disposing (or <see cref="Disconnect"/>) hands every unanswered item back.
/// </summary>
public sealed class WorkerConnection : IAsyncDisposable
{
    private readonly TaskHubEngine _engine;
    private readonly Channel<WorkItem> _channel = Channel.CreateUnbounded<WorkItem>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });

    internal WorkerConnection(TaskHubEngine engine, string id, WorkerConnectionOptions options, int maxOrchestrations, int maxActivities)
    {
        _engine = engine;
        Id = id;
        Options = options;
        MaxOrchestrations = maxOrchestrations;
        MaxActivities = maxActivities;
        // Names match without regard to case, as the Durable Task SDKs' registries look them up.
        OrchestratorNames = options.OrchestratorNames is null ? null : new HashSet<string>(options.OrchestratorNames, StringComparer.OrdinalIgnoreCase);
        ActivityNames = options.ActivityNames is null ? null : new HashSet<string>(options.ActivityNames, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A unique id of this connection within the engine.</summary>
    public string Id { get; }

    /// <summary>What the worker declared.</summary>
    public WorkerConnectionOptions Options { get; }

    /// <summary>The work items for this worker; completes when the connection closes or the engine stops.</summary>
    public ChannelReader<WorkItem> WorkItems => _channel.Reader;

    /// <summary>True until the connection is closed.</summary>
    public bool IsConnected => Volatile.Read(ref _connected);

    internal int MaxOrchestrations { get; }

    internal int MaxActivities { get; }

    internal int ActiveOrchestrations { get; set; }

    internal int ActiveActivities { get; set; }

    internal HashSet<string>? OrchestratorNames { get; }

    internal HashSet<string>? ActivityNames { get; }

    internal HashSet<Lease> Leases { get; } = [];

    internal ChannelWriter<WorkItem> Writer => _channel.Writer;

    internal bool HasOrchestrationSlot => ActiveOrchestrations < MaxOrchestrations;

    internal bool HasActivitySlot => ActiveActivities < MaxActivities;

    private bool _connected = true;

    /// <summary>Closes the connection and hands its unanswered work items to other workers.</summary>
    public void Disconnect() => _engine.Disconnect(this);

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Disconnect();
        return ValueTask.CompletedTask;
    }

    internal void MarkClosed() => Volatile.Write(ref _connected, false);

    internal bool AcceptsOrchestrator(string name) => OrchestratorNames is null || OrchestratorNames.Contains(name);

    internal bool AcceptsActivity(string name) => ActivityNames is null || ActivityNames.Contains(name);
}

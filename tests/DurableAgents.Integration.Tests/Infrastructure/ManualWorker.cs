using DurableAgents.Protocol;
using DurableAgents.Protocol.Grpc;
using DurableAgents.Protocol.Proto;

namespace DurableAgents.Integration.Tests.Infrastructure;

/// <summary>A GetWorkItems stream driven by hand, to test the work-item protocol step by step.</summary>
public sealed class ManualWorker : IAsyncDisposable
{
    private readonly GrpcStreamingCall<WorkItem> _call;

    private ManualWorker(GrpcStreamingCall<WorkItem> call)
    {
        _call = call;
    }

    /// <summary>Health pings read so far (they are skipped by <see cref="NextWorkAsync"/>).</summary>
    public int HealthPings { get; private set; }

    /// <summary>Opens a stream that declares exactly these names (so it receives no other test's work).</summary>
    public static async Task<ManualWorker> OpenAsync(
        TaskHubSidecarClient sidecar, IEnumerable<string> orchestrators, IEnumerable<string> activities, bool historyCache = false)
    {
        var filters = new WorkItemFilters();
        filters.Orchestrations.AddRange(orchestrators.Select(n => new OrchestrationFilter { Name = n }));
        filters.Activities.AddRange(activities.Select(n => new ActivityFilter { Name = n }));
        IEnumerable<KeyValuePair<string, string>> headers = historyCache
            ? [new("x-durableagents-capabilities", "history-cache")]
            : [];
        GrpcStreamingCall<WorkItem> call = await sidecar.StartGetWorkItemsAsync(
            new GetWorkItemsRequest { WorkItemFilters = filters }, headers: headers, cancellationToken: CancellationToken.None);
        return new ManualWorker(call);
    }

    /// <summary>The next item, health pings included.</summary>
    public async Task<WorkItem> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TestDeadline.Duration);
        if (!await _call.MoveNextAsync(timeout.Token))
        {
            throw new InvalidOperationException("The sidecar ended the work-item stream.");
        }

        if (_call.Current.RequestCase == WorkItem.RequestOneofCase.HealthPing)
        {
            HealthPings++;
        }

        return _call.Current;
    }

    /// <summary>The next orchestrator or activity item, skipping health pings.</summary>
    public async Task<WorkItem> NextWorkAsync()
    {
        while (true)
        {
            WorkItem item = await NextAsync();
            if (item.RequestCase != WorkItem.RequestOneofCase.HealthPing)
            {
                return item;
            }
        }
    }

    public ValueTask DisposeAsync() => _call.DisposeAsync();
}

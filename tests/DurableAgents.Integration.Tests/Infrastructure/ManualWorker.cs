using DurableAgents.Protocol;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Integration.Tests.Infrastructure;

/// <summary>A GetWorkItems stream driven by hand, to test the work-item protocol step by step.</summary>
public sealed class ManualWorker : IAsyncDisposable
{
    private readonly AsyncServerStreamingCall<WorkItem> _call;

    private ManualWorker(AsyncServerStreamingCall<WorkItem> call)
    {
        _call = call;
    }

    /// <summary>Health pings read so far (they are skipped by <see cref="NextWorkAsync"/>).</summary>
    public int HealthPings { get; private set; }

    /// <summary>Opens a stream that declares exactly these names (so it receives no other test's work).</summary>
    public static async Task<ManualWorker> OpenAsync(
        TaskHubSidecarService.TaskHubSidecarServiceClient sidecar, IEnumerable<string> orchestrators, IEnumerable<string> activities, bool historyCache = false)
    {
        var filters = new WorkItemFilters();
        filters.Orchestrations.AddRange(orchestrators.Select(n => new OrchestrationFilter { Name = n }));
        filters.Activities.AddRange(activities.Select(n => new ActivityFilter { Name = n }));
        Metadata headers = historyCache ? new Metadata { { "x-durableagents-capabilities", "history-cache" } } : [];
        AsyncServerStreamingCall<WorkItem> call = sidecar.GetWorkItems(new GetWorkItemsRequest { WorkItemFilters = filters }, headers);

        // The sidecar answers with headers once the stream is registered, so work started after this reaches it.
        await call.ResponseHeadersAsync;
        return new ManualWorker(call);
    }

    /// <summary>The next item, health pings included.</summary>
    public async Task<WorkItem> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TestDeadline.Duration);
        if (!await _call.ResponseStream.MoveNext(timeout.Token))
        {
            throw new InvalidOperationException("The sidecar ended the work-item stream.");
        }

        if (_call.ResponseStream.Current.RequestCase == WorkItem.RequestOneofCase.HealthPing)
        {
            HealthPings++;
        }

        return _call.ResponseStream.Current;
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

    public ValueTask DisposeAsync()
    {
        _call.Dispose();
        return ValueTask.CompletedTask;
    }
}

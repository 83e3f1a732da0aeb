using Microsoft.Extensions.Logging;
using P = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Sidecar.Grpc;

/// <summary>
/// Keeps orchestrator work items small enough for workers built on Grpc.Net.Client, which read at most 4 MB per message
/// unless configured otherwise (the official .NET worker with its defaults). A worker that declares the
/// HistoryStreaming capability gets a large item without its past events and <c>requiresHistoryStreaming</c> set; it
/// then reads them through StreamInstanceHistory in chunks. An item still over 4 MB is logged once, since such a worker
/// cannot read it and would receive it again after every reconnect.
/// </summary>
internal sealed class LargeWorkItems(bool workerStreamsHistory, bool workerIsOurs, int thresholdBytes, ILogger logger)
{
    /// <summary>Grpc.Net.Client's default receive limit.</summary>
    internal const int DefaultClientReceiveLimit = 4 * 1024 * 1024;

    public P.WorkItem Apply(P.WorkItem item)
    {
        if (workerIsOurs || item.OrchestratorRequest is not { } request)
        {
            // Our worker accepts the sidecar's whole message limit and keeps its own history cache.
            return item;
        }

        int size = item.CalculateSize();
        if (size > thresholdBytes && workerStreamsHistory && request.PastEvents.Count > 0)
        {
            request.PastEvents.Clear();
            request.RequiresHistoryStreaming = true;
            size = item.CalculateSize();
        }

        if (size > DefaultClientReceiveLimit)
        {
            Logs.WorkItemOverClientLimit(logger, request.InstanceId, size);
        }

        return item;
    }
}

using DurableAgents.History;
using DurableAgents.Protocol;
using Microsoft.DurableTask;
using Grpc.Core;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using P = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Sidecar.Grpc;

/// <summary>The client RPCs that read or delete many instances, and the history stream.</summary>
public sealed partial class TaskHubSidecarService
{
    /// <summary>The most instances one QueryInstances page holds, whatever the caller asks for (pages continue with the token).</summary>
    private const int MaxQueryPageSize = 1000;

    /// <summary>The most bytes of events one StreamInstanceHistory chunk holds (a single larger event goes alone).</summary>
    private const int HistoryChunkByteBudget = 1024 * 1024;

    private static readonly OrchestrationStatus[] TerminalStatuses =
        [OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Terminated, OrchestrationStatus.Canceled];

    public override async Task<P.QueryInstancesResponse> QueryInstances(P.QueryInstancesRequest request, ServerCallContext context)
    {
        Authorize(context);
        try
        {
            P.InstanceQuery proto = request.Query ?? new P.InstanceQuery();
            if (proto.MaxInstanceCount < 0)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"InstanceQuery.maxInstanceCount is {proto.MaxInstanceCount}; give a positive page size, or 0 for the default of {InstanceFilter.DefaultPageSize}."));
            }

            var query = new InstanceFilter
            {
                CreatedFrom = ToOptionalTime(proto.CreatedTimeFrom),
                CreatedTo = ToOptionalTime(proto.CreatedTimeTo),
                Statuses = proto.RuntimeStatus.Count == 0 ? null : proto.RuntimeStatus.Select(ProtoConverter.ToStatus).Distinct().ToArray(),
                InstanceIdPrefix = EmptyToNull(proto.InstanceIdPrefix),
                PageSize = proto.MaxInstanceCount == 0 ? InstanceFilter.DefaultPageSize : Math.Min(proto.MaxInstanceCount, MaxQueryPageSize),
                FetchInputsAndOutputs = proto.FetchInputsAndOutputs,
                ContinuationToken = EmptyToNull(proto.ContinuationToken),
            };
            Page<InstanceSnapshot> page = await _engine.QueryAsync(query, context.CancellationToken).ConfigureAwait(false);
            var response = new P.QueryInstancesResponse { ContinuationToken = EmptyToNull(page.ContinuationToken) };
            response.OrchestrationState.AddRange(page.Values.Select(ProtoConverter.ToProto));
            return response;
        }
        catch (Exception error) when (MapError(error, context) is { } status)
        {
            throw status;
        }
    }

    public override async Task<P.PurgeInstancesResponse> PurgeInstances(P.PurgeInstancesRequest request, ServerCallContext context)
    {
        Authorize(context);
        try
        {
            int deleted;
            switch (request.RequestCase)
            {
                case P.PurgeInstancesRequest.RequestOneofCase.InstanceId:
                    string instanceId = RequireText(request.InstanceId, "PurgeInstancesRequest.instanceId", "the instance id");
                    deleted = await _engine.PurgeAsync(instanceId, context.CancellationToken).ConfigureAwait(false);
                    break;
                case P.PurgeInstancesRequest.RequestOneofCase.PurgeInstanceFilter:
                    deleted = await PurgeMatchingAsync(request.PurgeInstanceFilter, context.CancellationToken).ConfigureAwait(false);
                    break;
                case P.PurgeInstancesRequest.RequestOneofCase.InstanceBatch:
                    deleted = await PurgeBatchAsync(request.InstanceBatch.InstanceIds, context.CancellationToken).ConfigureAwait(false);
                    break;
                default:
                    throw new RpcException(new Status(StatusCode.InvalidArgument,
                        "PurgeInstancesRequest names nothing to purge; set instanceId, purgeInstanceFilter or instanceBatch."));
            }

            return new P.PurgeInstancesResponse { DeletedInstanceCount = deleted, IsComplete = true };
        }
        catch (Exception error) when (MapError(error, context) is { } status)
        {
            throw status;
        }
    }

    /// <summary>Purges each listed instance that is terminal; unknown and unfinished ones are left alone, as a filter would.</summary>
    private async Task<int> PurgeBatchAsync(IEnumerable<string> instanceIds, CancellationToken cancellation)
    {
        int deleted = 0;
        foreach (string instanceId in instanceIds.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal))
        {
            try
            {
                deleted += await _engine.PurgeAsync(instanceId, cancellation).ConfigureAwait(false);
            }
            catch (InvalidInstanceStateException)
            {
                // Not finished: a batch purge skips it rather than failing the instances already deleted.
            }
        }

        return deleted;
    }

    /// <summary>Purges the terminal instances the filter matches; a listed status that is not terminal is refused.</summary>
    private Task<int> PurgeMatchingAsync(P.PurgeInstanceFilter filter, CancellationToken cancellation)
    {
        OrchestrationStatus[]? statuses = null;
        if (filter.RuntimeStatus.Count > 0)
        {
            statuses = filter.RuntimeStatus.Select(ProtoConverter.ToStatus).Distinct().ToArray();
            OrchestrationStatus[] running = statuses.Where(s => !s.IsTerminal()).ToArray();
            if (running.Length > 0)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument,
                    $"PurgeInstanceFilter.runtimeStatus lists {string.Join(", ", running)}, which is not a terminal status; only {string.Join(", ", TerminalStatuses)} instances can be purged. Terminate them first."));
            }
        }

        return _engine.PurgeAsync(ToOptionalTime(filter.CreatedTimeFrom), ToOptionalTime(filter.CreatedTimeTo), statuses, cancellation);
    }

    public override async Task StreamInstanceHistory(P.StreamInstanceHistoryRequest request, IServerStreamWriter<P.HistoryChunk> responseStream, ServerCallContext context)
    {
        Authorize(context);
        try
        {
            string instanceId = RequireText(request.InstanceId, "StreamInstanceHistoryRequest.instanceId", "the instance id");
            if (!string.IsNullOrEmpty(request.ExecutionId))
            {
                InstanceSnapshot metadata = await _engine.GetInstanceAsync(instanceId, false, context.CancellationToken).ConfigureAwait(false)
                    ?? throw new InstanceNotFoundException(instanceId);
                if (!string.Equals(metadata.ExecutionId, request.ExecutionId, StringComparison.Ordinal))
                {
                    throw new RpcException(new Status(StatusCode.NotFound,
                        $"Instance '{instanceId}' has no stored execution '{request.ExecutionId}'; only the current execution ('{metadata.ExecutionId}') keeps its history. Leave executionId unset to read it."));
                }
            }

            IReadOnlyList<HistoryEvent> history = await _engine.GetHistoryAsync(instanceId, context.CancellationToken).ConfigureAwait(false);

            // Chunks stay well below the message limit, and below the 4 MB that Grpc.Net.Client reads by default (workers that
            // stream history because their work item was too large), so a long history never fails with RESOURCE_EXHAUSTED.
            int byteBudget = Math.Min(_options.MaxMessageBytes / 2, HistoryChunkByteBudget);
            var chunk = new P.HistoryChunk();
            int chunkBytes = 0;
            foreach (HistoryEvent historyEvent in history)
            {
                P.HistoryEvent proto = ProtoConverter.ToProto(historyEvent);
                int size = CodedOutputStream.ComputeMessageSize(proto);
                if (chunk.Events.Count > 0 && (chunk.Events.Count >= _options.HistoryChunkSize || chunkBytes + size > byteBudget))
                {
                    await responseStream.WriteAsync(chunk, context.CancellationToken).ConfigureAwait(false);
                    chunk = new P.HistoryChunk();
                    chunkBytes = 0;
                }

                chunk.Events.Add(proto);
                chunkBytes += size;
            }

            if (chunk.Events.Count > 0)
            {
                await responseStream.WriteAsync(chunk, context.CancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (MapError(error, context) is { } status)
        {
            throw status;
        }
    }

    /// <summary>An unset timestamp, or the epoch some SDKs send for "no bound", means no bound.</summary>
    private static DateTimeOffset? ToOptionalTime(Timestamp? timestamp) =>
        timestamp is null || (timestamp.Seconds == 0 && timestamp.Nanos == 0) ? null : timestamp.ToDateTimeOffset();
}

using System.Collections.Concurrent;
using DurableAgents.TaskHub;
using Grpc.Core;
using P = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Sidecar.Grpc;

/// <summary>
/// Collects an orchestrator result that a worker sends in chunks (<c>isPartial</c> completions, which the official
/// .NET worker sends when its actions exceed its chunk size) until the last chunk arrives, so the episode is committed
/// once, atomically. Chunks of a work item that is no longer in progress (its worker disconnected, its lease ended) are
/// dropped, so nothing of them is ever written.
/// </summary>
internal sealed class ChunkedOrchestratorResults(TaskHubEngine engine, int maxResultBytes)
{
    private readonly ConcurrentDictionary<string, Collected> _collected = new(StringComparer.Ordinal);

    /// <summary>
    /// Takes one completion. Returns the whole result to commit (the request itself when it was not chunked), or null
    /// when more chunks are expected.
    /// </summary>
    /// <exception cref="StaleCompletionTokenException">A chunk for a work item that is not in progress.</exception>
    /// <exception cref="RpcException">INVALID_ARGUMENT for a chunk out of order; RESOURCE_EXHAUSTED past the size bound.</exception>
    public P.OrchestratorResponse? Add(P.OrchestratorResponse chunk)
    {
#pragma warning disable CS0612 // isPartial and chunkIndex are deprecated in the .proto, yet the official worker still chunks with them.
        bool partial = chunk.IsPartial;
        int? index = chunk.ChunkIndex;
#pragma warning restore CS0612
        string token = chunk.CompletionToken;
        if (!partial && index is null or 0)
        {
            // Not chunked: the common case costs one emptiness check.
            if (!_collected.IsEmpty)
            {
                _collected.TryRemove(token, out _);
            }

            return chunk;
        }

        if (!engine.IsOrchestratorWorkItemInProgress(token))
        {
            _collected.TryRemove(token, out _);
            throw new StaleCompletionTokenException(token);
        }

        if (index is null or 0)
        {
            DropAbandoned();
        }
        else if (!_collected.ContainsKey(token))
        {
            throw new RpcException(new Status(
                StatusCode.InvalidArgument,
                $"OrchestratorResponse.chunkIndex is {index}, but this sidecar holds no earlier chunk of the result; send the chunks of one result in order, starting at 0."));
        }

        Collected collected = _collected.GetOrAdd(token, static _ => new Collected());
        lock (collected)
        {
            int expected = collected.NextIndex;
            int received = index ?? 0;
            if (received < expected)
            {
                // A chunk sent again after a transient error that the sidecar had already taken.
                return null;
            }

            if (received > expected)
            {
                _collected.TryRemove(token, out _);
                throw new RpcException(new Status(
                    StatusCode.InvalidArgument,
                    $"OrchestratorResponse.chunkIndex is {received}, but chunk {expected} of this result was expected; send the chunks of one result in order, starting at 0."));
            }

            collected.Bytes += chunk.CalculateSize();
            if (collected.Bytes > maxResultBytes)
            {
                _collected.TryRemove(token, out _);
                throw new RpcException(new Status(
                    StatusCode.ResourceExhausted,
                    $"The chunks of this orchestrator result add up to more than {maxResultBytes} bytes (16 times Sidecar:MaxMessageBytes); raise Sidecar:MaxMessageBytes or schedule fewer or smaller actions per episode."));
            }

            collected.Actions.AddRange(chunk.Actions);
            collected.NextIndex++;
            collected.First ??= chunk;
            if (partial)
            {
                return null;
            }

            _collected.TryRemove(token, out _);
            var whole = new P.OrchestratorResponse
            {
                InstanceId = chunk.InstanceId,
                CompletionToken = token,
                CustomStatus = chunk.CustomStatus ?? collected.First.CustomStatus,
                OrchestrationTraceContext = collected.First.OrchestrationTraceContext,
            };
            whole.Actions.AddRange(collected.Actions);
            return whole;
        }
    }

    /// <summary>Forgets results whose work item ended before their last chunk arrived (the worker disconnected).</summary>
    private void DropAbandoned()
    {
        foreach (string token in _collected.Keys)
        {
            if (!engine.IsOrchestratorWorkItemInProgress(token))
            {
                _collected.TryRemove(token, out _);
            }
        }
    }

    private sealed class Collected
    {
        public List<P.OrchestratorAction> Actions { get; } = [];

        public P.OrchestratorResponse? First { get; set; }

        public int NextIndex { get; set; }

        public long Bytes { get; set; }
    }
}

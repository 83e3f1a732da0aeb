using DurableAgents.Actions;
using DurableAgents.Protocol;
using Grpc.Core;
using DurableAgents.TaskHub;
using P = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Sidecar.Grpc;

/// <summary>The worker RPCs: the work-item stream and the answers to its items.</summary>
public sealed partial class TaskHubSidecarService
{
    /// <summary>The request header in which a DurableAgents worker lists optional protocol features it supports (comma-separated).</summary>
    public const string CapabilitiesHeader = "x-durableagents-capabilities";

    /// <summary>The capability of keeping replay state between episodes, so episodes may arrive without past events.</summary>
    public const string HistoryCacheCapability = "history-cache";

    public override async Task GetWorkItems(P.GetWorkItemsRequest request, IServerStreamWriter<P.WorkItem> responseStream, ServerCallContext context)
    {
        Authorize(context);
        try
        {
            WorkerConnectionOptions connection = ToConnectionOptions(request, context);
            var largeItems = new LargeWorkItems(
                workerStreamsHistory: request.Capabilities.Contains(P.WorkerCapability.HistoryStreaming),
                workerIsOurs: connection.SupportsHistoryCache,
                _options.HistoryStreamingThresholdBytes,
                _logger);
            using var stream = new WorkItemStream(_engine, connection, largeItems, _options.HealthPingInterval, _time, _logger);
            await stream.RunAsync(responseStream, context, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (MapError(error, context) is { } status)
        {
            throw status;
        }
    }

    public override async Task<P.CompleteTaskResponse> CompleteOrchestratorTask(P.OrchestratorResponse request, ServerCallContext context)
    {
        Authorize(context);
        try
        {
            string token = RequireText(request.CompletionToken, "OrchestratorResponse.completionToken", "the completionToken of the work item being answered");
            if (request.RequiresHistory)
            {
                await _engine.RequireHistoryAsync(token, context.CancellationToken).ConfigureAwait(false);
                return new P.CompleteTaskResponse();
            }

            // A chunked result is committed once, when its last chunk arrives.
            if (_chunkedResults.Add(request) is not { } whole)
            {
                return new P.CompleteTaskResponse();
            }

            List<OrchestratorAction> actions = ProtoConverter.ToActions(whole.Actions);
            await _engine.CompleteOrchestratorWorkItemAsync(
                token,
                actions,
                EmptyToNull(whole.CustomStatus),
                ProtoConverter.ToOrchestrationTraceContext(whole.OrchestrationTraceContext),
                context.CancellationToken).ConfigureAwait(false);
            return new P.CompleteTaskResponse();
        }
        catch (Exception error) when (MapError(error, context) is { } status)
        {
            throw status;
        }
    }

    public override async Task<P.CompleteTaskResponse> CompleteActivityTask(P.ActivityResponse request, ServerCallContext context)
    {
        Authorize(context);
        try
        {
            string token = RequireText(request.CompletionToken, "ActivityResponse.completionToken", "the completionToken of the work item being answered");
            FailureDetails? failure = ProtoConverter.ToFailureDetails(request.FailureDetails);
            await _engine.CompleteActivityWorkItemAsync(token, failure is null ? request.Result : null, failure, context.CancellationToken).ConfigureAwait(false);
            return new P.CompleteTaskResponse();
        }
        catch (Exception error) when (MapError(error, context) is { } status)
        {
            throw status;
        }
    }

    public override async Task<P.AbandonOrchestrationTaskResponse> AbandonTaskOrchestratorWorkItem(P.AbandonOrchestrationTaskRequest request, ServerCallContext context)
    {
        Authorize(context);
        try
        {
            string token = RequireText(request.CompletionToken, "AbandonOrchestrationTaskRequest.completionToken", "the completionToken of the work item to give back");
            await _engine.AbandonOrchestratorWorkItemAsync(token, context.CancellationToken).ConfigureAwait(false);
            return new P.AbandonOrchestrationTaskResponse();
        }
        catch (Exception error) when (MapError(error, context) is { } status)
        {
            throw status;
        }
    }

    public override async Task<P.AbandonActivityTaskResponse> AbandonTaskActivityWorkItem(P.AbandonActivityTaskRequest request, ServerCallContext context)
    {
        Authorize(context);
        try
        {
            string token = RequireText(request.CompletionToken, "AbandonActivityTaskRequest.completionToken", "the completionToken of the work item to give back");
            await _engine.AbandonActivityWorkItemAsync(token, context.CancellationToken).ConfigureAwait(false);
            return new P.AbandonActivityTaskResponse();
        }
        catch (Exception error) when (MapError(error, context) is { } status)
        {
            throw status;
        }
    }

    /// <summary>
    /// What the worker declares. A workItemFilters message that is absent, or whose lists are all empty, means no filtering:
    /// the worker gets every name (durabletask-js sends no filters; the official .NET worker sends empty lists by default).
    /// When any list has names, the lists are taken literally: an empty list then means the worker runs none of that kind.
    /// </summary>
    private static WorkerConnectionOptions ToConnectionOptions(P.GetWorkItemsRequest request, ServerCallContext context)
    {
        P.WorkItemFilters? filters = request.WorkItemFilters;
        if (filters is not null && filters.Orchestrations.Count == 0 && filters.Activities.Count == 0 && filters.Entities.Count == 0)
        {
            filters = null;
        }

        return new WorkerConnectionOptions
        {
            Name = context.Peer,
            MaxConcurrentOrchestrations = Math.Max(0, request.MaxConcurrentOrchestrationWorkItems),
            MaxConcurrentActivities = Math.Max(0, request.MaxConcurrentActivityWorkItems),
            OrchestratorNames = filters?.Orchestrations.Select(f => f.Name).ToArray(),
            ActivityNames = filters?.Activities.Select(f => f.Name).ToArray(),
            SupportsHistoryCache = HasCapability(context, HistoryCacheCapability),
        };
    }

    private static bool HasCapability(ServerCallContext context, string capability)
    {
        foreach (Metadata.Entry entry in context.RequestHeaders)
        {
            if (entry.IsBinary || !string.Equals(entry.Key, CapabilitiesHeader, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (string part in entry.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (string.Equals(part, capability, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}

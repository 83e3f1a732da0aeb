using DurableAgents.Actions;
using DurableAgents.Protocol;
using DurableAgents.Protocol.Grpc;
using DurableAgents.TaskHub;
using P = DurableAgents.Protocol.Proto;

namespace DurableAgents.Sidecar.Grpc;

/// <summary>The worker RPCs: the work-item stream and the answers to its items.</summary>
public sealed partial class TaskHubSidecarService
{
    /// <summary>The request header in which a DurableAgents worker lists optional protocol features it supports (comma-separated).</summary>
    public const string CapabilitiesHeader = "x-durableagents-capabilities";

    /// <summary>The capability of keeping replay state between episodes, so episodes may arrive without past events.</summary>
    public const string HistoryCacheCapability = "history-cache";

    private Task GetWorkItemsAsync(P.GetWorkItemsRequest request, IGrpcStreamWriter<P.WorkItem> writer, GrpcCallContext call) =>
        new WorkItemStream(_engine, ToConnectionOptions(request, call), _options.HealthPingInterval, _time, _logger)
            .RunAsync(writer, call, _stopping.Token);

    private async Task<P.CompleteTaskResponse> CompleteOrchestratorTaskAsync(P.OrchestratorResponse request, GrpcCallContext call)
    {
        string token = RequireText(request.CompletionToken, "OrchestratorResponse.completionToken", "the completionToken of the work item being answered");
        if (request.RequiresHistory)
        {
            await _engine.RequireHistoryAsync(token, call.CancellationToken).ConfigureAwait(false);
            return new P.CompleteTaskResponse();
        }

        // isPartial is deprecated in the .proto, but a worker that still chunks must be refused, not half-applied.
#pragma warning disable CS0612
        bool partial = request.IsPartial;
#pragma warning restore CS0612
        if (partial)
        {
            throw new RpcException(
                StatusCode.Unimplemented,
                "This sidecar does not accept orchestrator results in chunks (isPartial). Send all actions in one CompleteOrchestratorTask; raise Sidecar:MaxMessageBytes if they do not fit.");
        }

        List<OrchestratorAction> actions = ProtoConverter.ToActions(request.Actions);
        await _engine.CompleteOrchestratorWorkItemAsync(token, actions, EmptyToNull(request.CustomStatus), call.CancellationToken).ConfigureAwait(false);
        return new P.CompleteTaskResponse();
    }

    private async Task<P.CompleteTaskResponse> CompleteActivityTaskAsync(P.ActivityResponse request, GrpcCallContext call)
    {
        string token = RequireText(request.CompletionToken, "ActivityResponse.completionToken", "the completionToken of the work item being answered");
        TaskFailureDetails? failure = ProtoConverter.ToFailureDetails(request.FailureDetails);
        await _engine.CompleteActivityWorkItemAsync(token, failure is null ? request.Result : null, failure, call.CancellationToken).ConfigureAwait(false);
        return new P.CompleteTaskResponse();
    }

    private async Task<P.AbandonOrchestrationTaskResponse> AbandonOrchestratorWorkItemAsync(P.AbandonOrchestrationTaskRequest request, GrpcCallContext call)
    {
        string token = RequireText(request.CompletionToken, "AbandonOrchestrationTaskRequest.completionToken", "the completionToken of the work item to give back");
        await _engine.AbandonOrchestratorWorkItemAsync(token, call.CancellationToken).ConfigureAwait(false);
        return new P.AbandonOrchestrationTaskResponse();
    }

    private async Task<P.AbandonActivityTaskResponse> AbandonActivityWorkItemAsync(P.AbandonActivityTaskRequest request, GrpcCallContext call)
    {
        string token = RequireText(request.CompletionToken, "AbandonActivityTaskRequest.completionToken", "the completionToken of the work item to give back");
        await _engine.AbandonActivityWorkItemAsync(token, call.CancellationToken).ConfigureAwait(false);
        return new P.AbandonActivityTaskResponse();
    }

    /// <summary>
    /// What the worker declares. A workItemFilters message that is absent, or whose lists are all empty, means no filtering:
    /// the worker gets every name (durabletask-js sends no filters; the official .NET worker sends empty lists by default).
    /// When any list has names, the lists are taken literally: an empty list then means the worker runs none of that kind.
    /// </summary>
    private static WorkerConnectionOptions ToConnectionOptions(P.GetWorkItemsRequest request, GrpcCallContext call)
    {
        P.WorkItemFilters? filters = request.WorkItemFilters;
        if (filters is not null && filters.Orchestrations.Count == 0 && filters.Activities.Count == 0 && filters.Entities.Count == 0)
        {
            filters = null;
        }

        return new WorkerConnectionOptions
        {
            Name = call.Peer,
            MaxConcurrentOrchestrations = Math.Max(0, request.MaxConcurrentOrchestrationWorkItems),
            MaxConcurrentActivities = Math.Max(0, request.MaxConcurrentActivityWorkItems),
            OrchestratorNames = filters?.Orchestrations.Select(f => f.Name).ToArray(),
            ActivityNames = filters?.Activities.Select(f => f.Name).ToArray(),
            SupportsHistoryCache = HasCapability(call, HistoryCacheCapability),
        };
    }

    private static bool HasCapability(GrpcCallContext call, string capability)
    {
        foreach (string? value in call.RequestHeaders[CapabilitiesHeader])
        {
            foreach (string part in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
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

using DurableAgents.Protocol.Grpc;
using DurableAgents.Protocol.Proto;
using Google.Protobuf.WellKnownTypes;

namespace DurableAgents.Protocol;

/// <summary>A typed client of the TaskHubSidecarService: one method per RPC over a <see cref="GrpcChannel"/>.</summary>
/// <remarks>
/// Every method takes an optional deadline (UTC; sent as grpc-timeout), optional per-call headers (added after the
/// channel's default headers) and a cancellation token. Non-OK statuses throw <see cref="RpcException"/>; a refused
/// connection throws it with <see cref="StatusCode.Unavailable"/>; cancelling the token throws
/// <see cref="OperationCanceledException"/> and cancels the server's handler.
/// </remarks>
public sealed class TaskHubSidecarClient
{
    private static readonly string HelloPath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.Hello);
    private static readonly string StartInstancePath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.StartInstance);
    private static readonly string GetInstancePath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.GetInstance);
    private static readonly string RewindInstancePath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.RewindInstance);
    private static readonly string RestartInstancePath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.RestartInstance);
    private static readonly string WaitForInstanceStartPath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.WaitForInstanceStart);
    private static readonly string WaitForInstanceCompletionPath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.WaitForInstanceCompletion);
    private static readonly string RaiseEventPath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.RaiseEvent);
    private static readonly string TerminateInstancePath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.TerminateInstance);
    private static readonly string SuspendInstancePath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.SuspendInstance);
    private static readonly string ResumeInstancePath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.ResumeInstance);
    private static readonly string QueryInstancesPath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.QueryInstances);
    private static readonly string ListInstanceIdsPath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.ListInstanceIds);
    private static readonly string PurgeInstancesPath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.PurgeInstances);
    private static readonly string GetWorkItemsPath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.GetWorkItems);
    private static readonly string CompleteActivityTaskPath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.CompleteActivityTask);
    private static readonly string CompleteOrchestratorTaskPath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.CompleteOrchestratorTask);
    private static readonly string CompleteEntityTaskPath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.CompleteEntityTask);
    private static readonly string StreamInstanceHistoryPath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.StreamInstanceHistory);
    private static readonly string CreateTaskHubPath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.CreateTaskHub);
    private static readonly string DeleteTaskHubPath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.DeleteTaskHub);
    private static readonly string SignalEntityPath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.SignalEntity);
    private static readonly string GetEntityPath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.GetEntity);
    private static readonly string QueryEntitiesPath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.QueryEntities);
    private static readonly string CleanEntityStoragePath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.CleanEntityStorage);
    private static readonly string AbandonTaskActivityWorkItemPath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.AbandonTaskActivityWorkItem);
    private static readonly string AbandonTaskOrchestratorWorkItemPath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.AbandonTaskOrchestratorWorkItem);
    private static readonly string AbandonTaskEntityWorkItemPath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.AbandonTaskEntityWorkItem);
    private static readonly string SkipGracefulOrchestrationTerminationsPath = TaskHubSidecarMethods.PathOf(TaskHubSidecarMethods.SkipGracefulOrchestrationTerminations);

    /// <summary>Creates a client over an existing channel; the caller keeps ownership of the channel.</summary>
    public TaskHubSidecarClient(GrpcChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        Channel = channel;
    }

    /// <summary>The channel the calls travel on.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>Checks that the sidecar is up; a worker calls it before GetWorkItems.</summary>
    public Task HelloAsync(DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryAsync(HelloPath, new Empty(), Empty.Parser, deadline, headers, cancellationToken);

    /// <summary>Starts a new orchestration instance.</summary>
    public Task<CreateInstanceResponse> StartInstanceAsync(CreateInstanceRequest request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryAsync(StartInstancePath, request, CreateInstanceResponse.Parser, deadline, headers, cancellationToken);

    /// <summary>Reads an instance's state; exists=false for an unknown id.</summary>
    public Task<GetInstanceResponse> GetInstanceAsync(GetInstanceRequest request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryAsync(GetInstancePath, request, GetInstanceResponse.Parser, deadline, headers, cancellationToken);

    /// <summary>Rewinds a failed instance.</summary>
    public Task<RewindInstanceResponse> RewindInstanceAsync(RewindInstanceRequest request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryAsync(RewindInstancePath, request, RewindInstanceResponse.Parser, deadline, headers, cancellationToken);

    /// <summary>Restarts an instance with its original input.</summary>
    public Task<RestartInstanceResponse> RestartInstanceAsync(RestartInstanceRequest request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryAsync(RestartInstancePath, request, RestartInstanceResponse.Parser, deadline, headers, cancellationToken);

    /// <summary>Waits until an instance is no longer Pending.</summary>
    public Task<GetInstanceResponse> WaitForInstanceStartAsync(GetInstanceRequest request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryAsync(WaitForInstanceStartPath, request, GetInstanceResponse.Parser, deadline, headers, cancellationToken);

    /// <summary>Waits until an instance reaches a terminal status.</summary>
    public Task<GetInstanceResponse> WaitForInstanceCompletionAsync(GetInstanceRequest request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryAsync(WaitForInstanceCompletionPath, request, GetInstanceResponse.Parser, deadline, headers, cancellationToken);

    /// <summary>Sends an external event to an instance.</summary>
    public Task<RaiseEventResponse> RaiseEventAsync(RaiseEventRequest request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryAsync(RaiseEventPath, request, RaiseEventResponse.Parser, deadline, headers, cancellationToken);

    /// <summary>Terminates an instance.</summary>
    public Task<TerminateResponse> TerminateInstanceAsync(TerminateRequest request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryAsync(TerminateInstancePath, request, TerminateResponse.Parser, deadline, headers, cancellationToken);

    /// <summary>Suspends an instance.</summary>
    public Task<SuspendResponse> SuspendInstanceAsync(SuspendRequest request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryAsync(SuspendInstancePath, request, SuspendResponse.Parser, deadline, headers, cancellationToken);

    /// <summary>Resumes a suspended instance.</summary>
    public Task<ResumeResponse> ResumeInstanceAsync(ResumeRequest request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryAsync(ResumeInstancePath, request, ResumeResponse.Parser, deadline, headers, cancellationToken);

    /// <summary>Reads one page of instance states.</summary>
    public Task<QueryInstancesResponse> QueryInstancesAsync(QueryInstancesRequest request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryAsync(QueryInstancesPath, request, QueryInstancesResponse.Parser, deadline, headers, cancellationToken);

    /// <summary>Reads one page of instance ids.</summary>
    public Task<ListInstanceIdsResponse> ListInstanceIdsAsync(ListInstanceIdsRequest request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryAsync(ListInstanceIdsPath, request, ListInstanceIdsResponse.Parser, deadline, headers, cancellationToken);

    /// <summary>Deletes terminal instances and their history.</summary>
    public Task<PurgeInstancesResponse> PurgeInstancesAsync(PurgeInstancesRequest request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryAsync(PurgeInstancesPath, request, PurgeInstancesResponse.Parser, deadline, headers, cancellationToken);

    /// <summary>Opens the worker's work-item stream. Yields messages until the server ends the stream.</summary>
    public IAsyncEnumerable<WorkItem> GetWorkItems(GetWorkItemsRequest request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.ServerStreamingAsync(GetWorkItemsPath, request, WorkItem.Parser, deadline, headers, cancellationToken);

    /// <summary>Opens the worker's work-item stream. Returns once the server has sent response headers; dispose the call to end it.</summary>
    public Task<GrpcStreamingCall<WorkItem>> StartGetWorkItemsAsync(GetWorkItemsRequest request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.StartServerStreamingAsync(GetWorkItemsPath, request, WorkItem.Parser, deadline, headers, cancellationToken);

    /// <summary>Reports an activity work item's result or failure.</summary>
    public Task<CompleteTaskResponse> CompleteActivityTaskAsync(ActivityResponse request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryAsync(CompleteActivityTaskPath, request, CompleteTaskResponse.Parser, deadline, headers, cancellationToken);

    /// <summary>Reports an orchestrator work item's actions.</summary>
    public Task<CompleteTaskResponse> CompleteOrchestratorTaskAsync(OrchestratorResponse request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryAsync(CompleteOrchestratorTaskPath, request, CompleteTaskResponse.Parser, deadline, headers, cancellationToken);

    /// <summary>Reports an entity work item's results.</summary>
    public Task<CompleteTaskResponse> CompleteEntityTaskAsync(EntityBatchResult request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryAsync(CompleteEntityTaskPath, request, CompleteTaskResponse.Parser, deadline, headers, cancellationToken);

    /// <summary>Streams an instance's history in chunks. Yields messages until the server ends the stream.</summary>
    public IAsyncEnumerable<HistoryChunk> StreamInstanceHistory(StreamInstanceHistoryRequest request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.ServerStreamingAsync(StreamInstanceHistoryPath, request, HistoryChunk.Parser, deadline, headers, cancellationToken);

    /// <summary>Streams an instance's history in chunks. Returns once the server has sent response headers; dispose the call to end it.</summary>
    public Task<GrpcStreamingCall<HistoryChunk>> StartStreamInstanceHistoryAsync(StreamInstanceHistoryRequest request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.StartServerStreamingAsync(StreamInstanceHistoryPath, request, HistoryChunk.Parser, deadline, headers, cancellationToken);

    /// <summary>Creates the task hub's storage.</summary>
    public Task<CreateTaskHubResponse> CreateTaskHubAsync(CreateTaskHubRequest request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryAsync(CreateTaskHubPath, request, CreateTaskHubResponse.Parser, deadline, headers, cancellationToken);

    /// <summary>Deletes the task hub's storage.</summary>
    public Task<DeleteTaskHubResponse> DeleteTaskHubAsync(DeleteTaskHubRequest request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryAsync(DeleteTaskHubPath, request, DeleteTaskHubResponse.Parser, deadline, headers, cancellationToken);

    /// <summary>Signals a durable entity.</summary>
    public Task<SignalEntityResponse> SignalEntityAsync(SignalEntityRequest request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryAsync(SignalEntityPath, request, SignalEntityResponse.Parser, deadline, headers, cancellationToken);

    /// <summary>Reads a durable entity.</summary>
    public Task<GetEntityResponse> GetEntityAsync(GetEntityRequest request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryAsync(GetEntityPath, request, GetEntityResponse.Parser, deadline, headers, cancellationToken);

    /// <summary>Queries durable entities.</summary>
    public Task<QueryEntitiesResponse> QueryEntitiesAsync(QueryEntitiesRequest request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryAsync(QueryEntitiesPath, request, QueryEntitiesResponse.Parser, deadline, headers, cancellationToken);

    /// <summary>Cleans durable entity storage.</summary>
    public Task<CleanEntityStorageResponse> CleanEntityStorageAsync(CleanEntityStorageRequest request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryAsync(CleanEntityStoragePath, request, CleanEntityStorageResponse.Parser, deadline, headers, cancellationToken);

    /// <summary>Gives an activity work item back for redelivery.</summary>
    public Task<AbandonActivityTaskResponse> AbandonTaskActivityWorkItemAsync(AbandonActivityTaskRequest request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryAsync(AbandonTaskActivityWorkItemPath, request, AbandonActivityTaskResponse.Parser, deadline, headers, cancellationToken);

    /// <summary>Gives an orchestrator work item back for redelivery.</summary>
    public Task<AbandonOrchestrationTaskResponse> AbandonTaskOrchestratorWorkItemAsync(AbandonOrchestrationTaskRequest request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryAsync(AbandonTaskOrchestratorWorkItemPath, request, AbandonOrchestrationTaskResponse.Parser, deadline, headers, cancellationToken);

    /// <summary>Gives an entity work item back for redelivery.</summary>
    public Task<AbandonEntityTaskResponse> AbandonTaskEntityWorkItemAsync(AbandonEntityTaskRequest request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryAsync(AbandonTaskEntityWorkItemPath, request, AbandonEntityTaskResponse.Parser, deadline, headers, cancellationToken);

    /// <summary>Marks instances Terminated at once, without running them.</summary>
    public Task<SkipGracefulOrchestrationTerminationsResponse> SkipGracefulOrchestrationTerminationsAsync(SkipGracefulOrchestrationTerminationsRequest request, DateTime? deadline = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryAsync(SkipGracefulOrchestrationTerminationsPath, request, SkipGracefulOrchestrationTerminationsResponse.Parser, deadline, headers, cancellationToken);
}

using Grpc.Core;
using P = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Sidecar.Grpc;

/// <summary>
/// The protocol's features this sidecar does not serve. Each answers UNIMPLEMENTED with a message naming the feature, so
/// an SDK user reads what is missing instead of the generated stubs' empty status.
/// </summary>
public sealed partial class TaskHubSidecarService
{
    /// <inheritdoc/>
    public override Task<P.RewindInstanceResponse> RewindInstance(P.RewindInstanceRequest request, ServerCallContext context) =>
        throw NotServed(context, "rewinding a failed instance (RewindInstance)", "restart it instead (RestartInstance) or start a new instance");

    /// <inheritdoc/>
    public override Task<P.ListInstanceIdsResponse> ListInstanceIds(P.ListInstanceIdsRequest request, ServerCallContext context) =>
        throw NotServed(context, "ListInstanceIds", "use QueryInstances, which pages through instances with the same filters");

    /// <inheritdoc/>
    public override Task<P.CreateTaskHubResponse> CreateTaskHub(P.CreateTaskHubRequest request, ServerCallContext context) =>
        throw NotServed(context, "CreateTaskHub", "the sidecar creates its task hub (the SQLite database) when it starts");

    /// <inheritdoc/>
    public override Task<P.DeleteTaskHubResponse> DeleteTaskHub(P.DeleteTaskHubRequest request, ServerCallContext context) =>
        throw NotServed(context, "DeleteTaskHub", "stop the sidecar and delete its database file, or purge instances with PurgeInstances");

    /// <inheritdoc/>
    public override Task<P.SignalEntityResponse> SignalEntity(P.SignalEntityRequest request, ServerCallContext context) =>
        throw EntitiesNotServed(context, nameof(SignalEntity));

    /// <inheritdoc/>
    public override Task<P.GetEntityResponse> GetEntity(P.GetEntityRequest request, ServerCallContext context) =>
        throw EntitiesNotServed(context, nameof(GetEntity));

    /// <inheritdoc/>
    public override Task<P.QueryEntitiesResponse> QueryEntities(P.QueryEntitiesRequest request, ServerCallContext context) =>
        throw EntitiesNotServed(context, nameof(QueryEntities));

    /// <inheritdoc/>
    public override Task<P.CleanEntityStorageResponse> CleanEntityStorage(P.CleanEntityStorageRequest request, ServerCallContext context) =>
        throw EntitiesNotServed(context, nameof(CleanEntityStorage));

    /// <inheritdoc/>
    public override Task<P.CompleteTaskResponse> CompleteEntityTask(P.EntityBatchResult request, ServerCallContext context) =>
        throw EntitiesNotServed(context, nameof(CompleteEntityTask));

    /// <inheritdoc/>
    public override Task<P.AbandonEntityTaskResponse> AbandonTaskEntityWorkItem(P.AbandonEntityTaskRequest request, ServerCallContext context) =>
        throw EntitiesNotServed(context, nameof(AbandonTaskEntityWorkItem));

    /// <inheritdoc/>
    public override Task<P.SkipGracefulOrchestrationTerminationsResponse> SkipGracefulOrchestrationTerminations(
        P.SkipGracefulOrchestrationTerminationsRequest request, ServerCallContext context) =>
        throw NotServed(context, "SkipGracefulOrchestrationTerminations", "terminate instances with TerminateInstance");

    private RpcException EntitiesNotServed(ServerCallContext context, string method) =>
        NotServed(context, $"durable entities ({method})", "keep entity state in an orchestration (an instance that waits for events and continues as new)");

    /// <summary>UNIMPLEMENTED naming the feature, after the API key check, so an unauthenticated caller learns nothing.</summary>
    private RpcException NotServed(ServerCallContext context, string feature, string instead)
    {
        Authorize(context);
        return new(new Status(StatusCode.Unimplemented, $"The DurableAgents sidecar does not support {feature}; {instead}."));
    }
}

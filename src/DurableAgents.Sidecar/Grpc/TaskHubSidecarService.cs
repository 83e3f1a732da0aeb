using DurableAgents.Protocol;
using DurableAgents.Protocol.Grpc;
using DurableAgents.TaskHub;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using P = DurableAgents.Protocol.Proto;

namespace DurableAgents.Sidecar.Grpc;

/// <summary>
/// The durabletask <c>TaskHubSidecarService</c> over a <see cref="TaskHubEngine"/>: instance management for clients and
/// the work-item stream for workers. Status codes follow src/DurableAgents.Client/README.md; methods it does not serve
/// (entities, rewind, task hub management) answer UNIMPLEMENTED.
/// </summary>
public sealed partial class TaskHubSidecarService : IDisposable
{
    private readonly TaskHubEngine _engine;
    private readonly SidecarOptions _options;
    private readonly ApiKeyAuthorizer _authorizer;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Creates the service over <paramref name="engine"/>.</summary>
    /// <param name="engine">The running task hub engine.</param>
    /// <param name="options">Endpoints, API key, health ping interval and message limits.</param>
    /// <param name="timeProvider">The clock for health pings; the system clock when null.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    public TaskHubSidecarService(TaskHubEngine engine, SidecarOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(options);
        _engine = engine;
        _options = options;
        _authorizer = new ApiKeyAuthorizer(options.ApiKey);
        _time = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<TaskHubSidecarService>();
    }

    /// <summary>True when calls must present the API key.</summary>
    public bool RequiresApiKey => _authorizer.Enabled;

    /// <summary>
    /// Ends every work-item stream and every held WaitFor* call with UNAVAILABLE, so the server can stop without waiting
    /// for them; calls that complete work keep being served until the server stops. Called when the application stops.
    /// </summary>
    public void BeginShutdown()
    {
        if (!_stopping.IsCancellationRequested)
        {
            Logs.ShuttingDown(_logger);
            _stopping.Cancel();
        }
    }

    /// <summary>Builds the gRPC service definition to map with <c>MapGrpcService</c>.</summary>
    public GrpcServiceDefinition CreateDefinition()
    {
        var serverOptions = new GrpcServerOptions
        {
            MaxReceiveMessageSize = _options.MaxMessageBytes,
            MaxSendMessageSize = _options.MaxMessageBytes,
            LimitSettingName = "the Sidecar:MaxMessageBytes setting",
        };
        var definition = new GrpcServiceDefinition(TaskHubSidecarMethods.ServiceName, serverOptions);
        Unary(definition, TaskHubSidecarMethods.Hello, Empty.Parser, (_, _) => Task.FromResult(new Empty()));

        Unary(definition, TaskHubSidecarMethods.StartInstance, P.CreateInstanceRequest.Parser, StartInstanceAsync);
        Unary(definition, TaskHubSidecarMethods.GetInstance, P.GetInstanceRequest.Parser, GetInstanceAsync);
        Unary(definition, TaskHubSidecarMethods.WaitForInstanceStart, P.GetInstanceRequest.Parser, WaitForInstanceStartAsync);
        Unary(definition, TaskHubSidecarMethods.WaitForInstanceCompletion, P.GetInstanceRequest.Parser, WaitForInstanceCompletionAsync);
        Unary(definition, TaskHubSidecarMethods.RaiseEvent, P.RaiseEventRequest.Parser, RaiseEventAsync);
        Unary(definition, TaskHubSidecarMethods.TerminateInstance, P.TerminateRequest.Parser, TerminateInstanceAsync);
        Unary(definition, TaskHubSidecarMethods.SuspendInstance, P.SuspendRequest.Parser, SuspendInstanceAsync);
        Unary(definition, TaskHubSidecarMethods.ResumeInstance, P.ResumeRequest.Parser, ResumeInstanceAsync);
        Unary(definition, TaskHubSidecarMethods.QueryInstances, P.QueryInstancesRequest.Parser, QueryInstancesAsync);
        Unary(definition, TaskHubSidecarMethods.PurgeInstances, P.PurgeInstancesRequest.Parser, PurgeInstancesAsync);
        Unary(definition, TaskHubSidecarMethods.RestartInstance, P.RestartInstanceRequest.Parser, RestartInstanceAsync);
        Streaming<P.StreamInstanceHistoryRequest, P.HistoryChunk>(
            definition, TaskHubSidecarMethods.StreamInstanceHistory, P.StreamInstanceHistoryRequest.Parser, StreamInstanceHistoryAsync);

        Streaming<P.GetWorkItemsRequest, P.WorkItem>(definition, TaskHubSidecarMethods.GetWorkItems, P.GetWorkItemsRequest.Parser, GetWorkItemsAsync);
        Unary(definition, TaskHubSidecarMethods.CompleteOrchestratorTask, P.OrchestratorResponse.Parser, CompleteOrchestratorTaskAsync);
        Unary(definition, TaskHubSidecarMethods.CompleteActivityTask, P.ActivityResponse.Parser, CompleteActivityTaskAsync);
        Unary(definition, TaskHubSidecarMethods.AbandonTaskOrchestratorWorkItem, P.AbandonOrchestrationTaskRequest.Parser, AbandonOrchestratorWorkItemAsync);
        Unary(definition, TaskHubSidecarMethods.AbandonTaskActivityWorkItem, P.AbandonActivityTaskRequest.Parser, AbandonActivityWorkItemAsync);
        return definition;
    }

    /// <inheritdoc/>
    public void Dispose() => _stopping.Dispose();

    private void Unary<TRequest, TResponse>(
        GrpcServiceDefinition definition, string method, MessageParser<TRequest> parser, Func<TRequest, GrpcCallContext, Task<TResponse>> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> =>
        definition.AddUnary<TRequest, TResponse>(method, parser, async (request, call) =>
        {
            Authorize(call);
            try
            {
                return await handler(request, call).ConfigureAwait(false);
            }
            catch (Exception error) when (MapError(error, call) is { } status)
            {
                throw status;
            }
        });

    private void Streaming<TRequest, TResponse>(
        GrpcServiceDefinition definition, string method, MessageParser<TRequest> parser, Func<TRequest, IGrpcStreamWriter<TResponse>, GrpcCallContext, Task> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> =>
        definition.AddServerStreaming<TRequest, TResponse>(method, parser, async (request, writer, call) =>
        {
            Authorize(call);
            try
            {
                await handler(request, writer, call).ConfigureAwait(false);
            }
            catch (Exception error) when (MapError(error, call) is { } status)
            {
                throw status;
            }
        });

    private RpcException? MapError(Exception error, GrpcCallContext call) =>
        SidecarErrorMapper.Map(error, call.CancellationToken, _stopping.Token);

    private void Authorize(GrpcCallContext call)
    {
        try
        {
            _authorizer.Check(call);
        }
        catch (RpcException refused)
        {
            Logs.CallRefused(_logger, call.Method, call.Peer, refused.Detail);
            throw;
        }
    }

    /// <summary>A token cancelled when the call ends or the sidecar shuts down, for calls that may be held open.</summary>
    private CancellationTokenSource HeldCallToken(GrpcCallContext call) =>
        CancellationTokenSource.CreateLinkedTokenSource(call.CancellationToken, _stopping.Token);

    private static string RequireText(string? value, string field, string what) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new RpcException(StatusCode.InvalidArgument, $"{field} is empty; give {what}.")
            : value;

    private static string? EmptyToNull(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

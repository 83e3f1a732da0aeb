using DurableAgents.TaskHub;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Google.Protobuf.WellKnownTypes;
using P = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Sidecar.Grpc;

/// <summary>
/// The durabletask <c>TaskHubSidecarService</c> over a <see cref="TaskHubEngine"/>: instance management for clients and
/// the work-item stream for workers. It derives from the base class generated in Microsoft.DurableTask.Grpc and is served
/// by Grpc.AspNetCore; every handler checks the API key first and maps engine errors to status codes
/// (src/DurableAgents.Sidecar/README.md) through <see cref="SidecarErrorMapper"/>. Methods it does not serve (entities, rewind, task hub management) answer
/// UNIMPLEMENTED with a message that says so.
/// </summary>
public sealed partial class TaskHubSidecarService : P.TaskHubSidecarService.TaskHubSidecarServiceBase, IDisposable
{
    private readonly TaskHubEngine _engine;
    private readonly SidecarOptions _options;
    private readonly ApiKeyAuthorizer _authorizer;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ChunkedOrchestratorResults _chunkedResults;

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
        _chunkedResults = new ChunkedOrchestratorResults(engine, (int)Math.Min(int.MaxValue, 16L * options.MaxMessageBytes));
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

    /// <inheritdoc/>
    public override Task<Empty> Hello(Empty request, ServerCallContext context)
    {
        Authorize(context);
        return Task.FromResult(new Empty());
    }

    /// <inheritdoc/>
    public void Dispose() => _stopping.Dispose();

    /// <summary>Cancelled when the sidecar begins to shut down.</summary>
    internal CancellationToken Stopping => _stopping.Token;

    /// <summary>The status to end a call with for <paramref name="error"/>, or null to let it propagate unchanged.</summary>
    /// <remarks>
    /// Every handler checks the API key and maps errors itself rather than through a gRPC interceptor: an interceptor
    /// adds a pipeline of three async state machines to every call, measurable on hello5 (work items and completions).
    /// </remarks>
    private RpcException? MapError(Exception error, ServerCallContext call) =>
        SidecarErrorMapper.Map(error, call.CancellationToken, _stopping.Token);

    /// <summary>Refuses a call without the configured API key (UNAUTHENTICATED) and logs the refusal.</summary>
    private void Authorize(ServerCallContext call)
    {
        try
        {
            _authorizer.Check(call);
        }
        catch (RpcException refused)
        {
            Logs.CallRefused(_logger, call.Method, call.Peer, refused.Status.Detail);
            throw;
        }
    }

    /// <summary>A token cancelled when the call ends or the sidecar shuts down, for calls that may be held open.</summary>
    private CancellationTokenSource HeldCallToken(ServerCallContext call) =>
        CancellationTokenSource.CreateLinkedTokenSource(call.CancellationToken, _stopping.Token);

    private static string RequireText(string? value, string field, string what) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field} is empty; give {what}."))
            : value;

    private static string? EmptyToNull(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

using Grpc.Core;
using DurableAgents.TaskHub;
using Microsoft.Extensions.Logging;
using P = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Sidecar.Grpc;

/// <summary>
/// One GetWorkItems call: a worker connection to the engine whose work items are written to the stream as soon as they
/// are ready, with a HealthPing whenever the stream was idle for a whole interval. The connection is closed (and its
/// unanswered items handed to other workers) when the stream ends for any reason.
/// </summary>
internal sealed class WorkItemStream : IDisposable
{
    // A gRPC stream writer takes one write at a time; work items and pings come from two loops.
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly TaskHubEngine _engine;
    private readonly WorkerConnectionOptions _options;
    private readonly TimeSpan _pingInterval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _writes;

    private readonly LargeWorkItems _largeItems;

    public WorkItemStream(
        TaskHubEngine engine, WorkerConnectionOptions options, LargeWorkItems largeItems, TimeSpan pingInterval, TimeProvider time, ILogger logger)
    {
        _engine = engine;
        _largeItems = largeItems;
        _options = options;
        _pingInterval = pingInterval;
        _time = time;
        _logger = logger;
    }

    public void Dispose() => _writeGate.Dispose();

    public async Task RunAsync(IServerStreamWriter<P.WorkItem> writer, ServerCallContext call, CancellationToken stopping)
    {
        WorkerConnection connection = _engine.ConnectWorker(_options);
        Logs.WorkerStreamOpened(
            _logger, connection.Id, call.Peer, Describe(_options.OrchestratorNames), Describe(_options.ActivityNames), _options.SupportsHistoryCache);
        string reason = "the sidecar stopped";
        using var streamEnd = CancellationTokenSource.CreateLinkedTokenSource(call.CancellationToken, stopping);
        Task pings = Task.CompletedTask;
        try
        {
            // The worker learns at once that the stream is open, before any work exists.
            await call.WriteResponseHeadersAsync([]).ConfigureAwait(false);
            pings = SendPingsAsync(writer, streamEnd.Token);
            await foreach (WorkItem item in connection.WorkItems.ReadAllAsync(streamEnd.Token).ConfigureAwait(false))
            {
                await WriteAsync(writer, _largeItems.Apply(WorkItemMapper.ToProto(item)), streamEnd.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _writes);
            }

            // The engine closed the connection: it is stopping. The worker reconnects to a running sidecar.
            throw new RpcException(new Status(StatusCode.Unavailable, "The task hub engine stopped; reconnect once the sidecar is running again."));
        }
        catch (OperationCanceledException) when (call.CancellationToken.IsCancellationRequested)
        {
            reason = "the worker ended the call";
            throw;
        }
        catch (Exception error) when (error is not RpcException && !stopping.IsCancellationRequested)
        {
            reason = $"{error.GetType().Name}: {error.Message}";
            throw;
        }
        finally
        {
            await streamEnd.CancelAsync().ConfigureAwait(false);
            await pings.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await connection.DisposeAsync().ConfigureAwait(false);
            Logs.WorkerStreamClosed(_logger, connection.Id, reason);
        }
    }

    private async Task WriteAsync(IServerStreamWriter<P.WorkItem> writer, P.WorkItem item, CancellationToken cancellation)
    {
        await _writeGate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            await writer.WriteAsync(item, cancellation).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task SendPingsAsync(IServerStreamWriter<P.WorkItem> writer, CancellationToken cancellation)
    {
        using var timer = new PeriodicTimer(_pingInterval, _time);
        long seen = Interlocked.Read(ref _writes);
        while (await timer.WaitForNextTickAsync(cancellation).ConfigureAwait(false))
        {
            long writes = Interlocked.Read(ref _writes);
            if (writes == seen)
            {
                await WriteAsync(writer, new P.WorkItem { HealthPing = new P.HealthPing() }, cancellation).ConfigureAwait(false);
            }

            seen = writes;
        }
    }

    private static string Describe(IReadOnlyCollection<string>? names) => names is null ? "no" : names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

using System.Diagnostics.Metrics;
using DurableAgents.Protocol;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using DurableAgents.Worker.Execution;
using DurableAgents.Worker.Tracing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Proto = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Worker.Hosting;

/// <summary>
/// The DurableAgents executor as a build target of the SDK's worker builder (<c>UseDurableAgents</c>): says Hello, opens
/// the work-item stream, runs what arrives on the replay engine with its history cache, and reconnects with exponential
/// backoff whenever the stream cannot be opened or ends.
/// </summary>
internal sealed class DurableAgentsWorker : DurableTaskWorker
{
    /// <summary>The request header that tells the sidecar which optional protocol features this worker supports.</summary>
    public const string CapabilitiesHeader = "x-durableagents-capabilities";

    /// <summary>The capability of keeping replay state between episodes (see the README).</summary>
    public const string HistoryCacheCapability = "history-cache";

    private readonly string _name;
    private readonly DurableAgentsWorkerOptions _options;
    private readonly RegisteredTasks _tasks;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;

    // The builder passes the name and the factory built from the registry; the rest comes from the services.
    public DurableAgentsWorker(
        string name,
        IDurableTaskFactory factory,
        IOptionsMonitor<DurableAgentsWorkerOptions> options,
        IOptionsMonitor<DurableTaskRegistry> registries,
        IServiceProvider services,
        ILoggerFactory loggerFactory,
        IExceptionPropertiesProvider? exceptionPropertiesProvider = null)
        : base(name, factory)
    {
        // As the official worker does: custom properties of failures come from a provider in the services, if any.
        ExceptionPropertiesProvider = exceptionPropertiesProvider;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registries);
        _name = name;
        _options = options.Get(name);
        _tasks = new RegisteredTasks(factory, registries.Get(name));
        _services = services;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("DurableAgents.Worker");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using SidecarConnection connection = SidecarConnection.Open(_options.Address, _options.ApiKey, _options.ApiKeyHeaderName);
        Proto.TaskHubSidecarService.TaskHubSidecarServiceClient sidecar = connection.Client;
        var orchestrations = new OrchestrationWorkItemProcessor(
            _tasks, _services, _options.DataConverter, _options.MaxCachedOrchestrations, _loggerFactory, ExceptionProperties);
        var activities = new ActivityWorkItemProcessor(
            _tasks, _services, _options.DataConverter, _logger, ExceptionProperties, new WorkerMetrics(_services.GetService<IMeterFactory>()));
        using var dispatcher = new WorkItemDispatcher(
            sidecar, orchestrations, activities, _options.MaxConcurrentOrchestrators, _options.MaxConcurrentActivities, _logger);

        Logs.Connecting(_logger, _name, _options.Address, _tasks.OrchestratorNames.Count, _tasks.ActivityNames.Count);
        var request = BuildWorkItemsRequest();
        Metadata? headers = orchestrations.CachingEnabled ? new Metadata { { CapabilitiesHeader, HistoryCacheCapability } } : null;
        var delay = _options.ReconnectInitialDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            var connected = false;
            try
            {
                await sidecar.HelloAsync(new Empty(), cancellationToken: stoppingToken).ConfigureAwait(false);
                using AsyncServerStreamingCall<Proto.WorkItem> stream = sidecar.GetWorkItems(request, headers, cancellationToken: stoppingToken);

                // The sidecar sends its headers as soon as it has registered the stream, before any work exists.
                await stream.ResponseHeadersAsync.ConfigureAwait(false);
                connected = true;
                delay = _options.ReconnectInitialDelay;
                Logs.Connected(_logger, _options.Address);
                while (await stream.ResponseStream.MoveNext(stoppingToken).ConfigureAwait(false))
                {
                    await dispatcher.DispatchAsync(stream.ResponseStream.Current, stoppingToken).ConfigureAwait(false);
                }

                if (HostIsStopping())
                {
                    Logs.StreamEndedWhileStopping(_logger, _options.Address, nameof(StatusCode.OK));
                    break;
                }

                Logs.StreamEnded(_logger, _options.Address, delay.TotalSeconds);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (HostIsStopping())
            {
                // A sidecar in the same host closes its streams as soon as the host starts stopping, before this
                // worker's own stop runs: that is an orderly end, not a failure to retry.
                Logs.StreamEndedWhileStopping(_logger, _options.Address, ex is RpcException rpc ? rpc.StatusCode.ToString() : ex.GetType().Name);
                break;
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
            {
                Logs.Unauthenticated(_logger, _options.Address, ex.StatusCode.ToString(), delay.TotalSeconds);
            }
            catch (RpcException ex) when (!connected && ex.StatusCode == StatusCode.Unavailable)
            {
                Logs.SidecarNotListening(_logger, _options.Address, delay.TotalSeconds, ex.Status.Detail);
            }
            catch (Exception ex)
            {
                var status = ex is RpcException rpc ? rpc.StatusCode.ToString() : ex.GetType().Name;
                Logs.StreamFailed(_logger, ex, _options.Address, status, delay.TotalSeconds);
            }

            try
            {
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.ReconnectMaxDelay.Ticks));
        }

        await dispatcher.DrainAsync(_name, _options.ShutdownTimeout).ConfigureAwait(false);
        Logs.Stopped(_logger, _name);
    }

    private Func<Exception, IDictionary<string, object?>?>? ExceptionProperties =>
        ExceptionPropertiesProvider is { } provider ? provider.GetExceptionProperties : null;

    private bool HostIsStopping() =>
        _services.GetService<IHostApplicationLifetime>()?.ApplicationStopping.IsCancellationRequested == true;

    private Proto.GetWorkItemsRequest BuildWorkItemsRequest()
    {
        var filters = new Proto.WorkItemFilters();
        filters.Orchestrations.AddRange(_tasks.OrchestratorNames.Order(StringComparer.Ordinal).Select(n => new Proto.OrchestrationFilter { Name = n }));
        filters.Activities.AddRange(_tasks.ActivityNames.Order(StringComparer.Ordinal).Select(n => new Proto.ActivityFilter { Name = n }));
        return new Proto.GetWorkItemsRequest
        {
            MaxConcurrentOrchestrationWorkItems = _options.MaxConcurrentOrchestrators,
            MaxConcurrentActivityWorkItems = _options.MaxConcurrentActivities,
            WorkItemFilters = filters,
        };
    }
}

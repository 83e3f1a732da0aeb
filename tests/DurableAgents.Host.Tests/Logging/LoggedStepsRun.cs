using System.Globalization;
using DurableAgents.Host.Tests.Infrastructure;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace DurableAgents.Host.Tests.Logging;

/// <summary>
/// Runs one <see cref="LoggedStepsOrchestrator"/> instance to completion on the all-in-one host, on the chosen executor,
/// with Debug logs of DurableAgents and the Durable Task SDK captured as Serilog events.
/// </summary>
internal sealed class LoggedStepsRun
{
    public const string Subject = "heat pumps";

    public const string Payload = "approved";

    // The sidecar's line when a worker opens its work-item stream (either executor), and our worker's line once it reads
    // the stream: from then on, until the instance completes, the host does nothing but run it.
    private const int WorkerStreamOpenedEventId = 3001;
    private const int OurWorkerConnectedEventId = 4001;

    private LoggedStepsRun(string instanceId, IReadOnlyList<LogEvent> duringRun, IReadOnlyList<LogEvent> all)
    {
        InstanceId = instanceId;
        EventsDuringRun = duringRun;
        Events = all;
    }

    public string InstanceId { get; }

    /// <summary>What was logged from the worker's connection until the client saw the instance complete.</summary>
    public IReadOnlyList<LogEvent> EventsDuringRun { get; }

    /// <summary>Everything logged from the host's start until it stopped.</summary>
    public IReadOnlyList<LogEvent> Events { get; }

    /// <param name="settings">Host settings beyond the test defaults, e.g. Worker:Executor.</param>
    public static async Task<LoggedStepsRun> RunAsync(params (string Key, string Value)[] settings)
    {
        var sink = new CapturingLogSink();
        using var setup = new HostSetup
        {
            Configure = builder =>
            {
                builder.Services.AddSingleton<ILogEventSink>(sink);
                // Joins the host's worker (same default name): its tasks run beside the shipped workflows on either executor.
                builder.Services.AddDurableTaskWorker(worker => worker.AddTasks(registry => registry
                    .AddOrchestrator<LoggedStepsOrchestrator>()
                    .AddActivity<LoggedEchoActivity>()));
            },
        };
        setup.Settings["Serilog:MinimumLevel:Default"] = "Debug";
        setup.Settings["Serilog:MinimumLevel:Override:DurableAgents.TaskHub"] = "Debug";
        setup.Settings["Serilog:MinimumLevel:Override:Microsoft.DurableTask"] = "Debug";
        setup.Settings["Serilog:MinimumLevel:Override:Grpc"] = "Warning";
        setup.Settings["Serilog:MinimumLevel:Override:System"] = "Warning";
        foreach ((string key, string value) in settings)
        {
            setup.Settings[key] = value;
        }

        string id;
        IReadOnlyList<LogEvent> duringRun;
        await using (RunningHost host = await setup.StartAsync())
        {
            bool official = settings.Contains((DurableAgentsHost.WorkerExecutorSetting, nameof(WorkerExecutor.Official)));
            await Deadline.UntilAsync(
                () => Task.FromResult(
                    sink.Events.Any(e => EventId(e) == WorkerStreamOpenedEventId)
                    && (official || sink.Events.Any(e => EventId(e) == OurWorkerConnectedEventId))
                        ? sink.Events
                        : null),
                "the worker's connection");
            int connected = sink.Events.Count;
            id = await host.Client.ScheduleNewOrchestrationInstanceAsync(LoggedStepsOrchestrator.Name, Subject);

            // The event is raised only once the timer's line is out, so it arrives in an episode of its own.
            await Deadline.UntilAsync(
                () => Task.FromResult(sink.Events.FirstOrDefault(e => e.RenderMessage(CultureInfo.InvariantCulture) == "timer fired")),
                "the orchestrator's line after its timer");
            await host.Client.RaiseEventAsync(id, LoggedStepsOrchestrator.EventName, Payload);

            OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            duringRun = sink.Events.Skip(connected).ToList();
        }

        return new LoggedStepsRun(id, duringRun, sink.Events);
    }

    /// <summary>The rendered messages of the events of <paramref name="category"/>, in the order they were logged.</summary>
    public IReadOnlyList<string> MessagesOf(string category) =>
        Events.Where(e => SourceContext(e) == category).Select(e => e.RenderMessage(CultureInfo.InvariantCulture)).ToList();

    public static string? SourceContext(LogEvent logEvent) => Scalar(logEvent, "SourceContext");

    public static int? EventId(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("EventId", out LogEventPropertyValue? value)
        && value is StructureValue structure
        && structure.Properties.FirstOrDefault(p => p.Name == "Id")?.Value is ScalarValue { Value: int id }
            ? id
            : null;

    public static string? Scalar(LogEvent logEvent, string property) =>
        logEvent.Properties.TryGetValue(property, out LogEventPropertyValue? value) && value is ScalarValue { Value: { } scalar }
            ? Convert.ToString(scalar, CultureInfo.InvariantCulture)
            : null;
}

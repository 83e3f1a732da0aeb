using DurableAgents.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace DurableAgents.Host.Tests.Logging;

/// <summary>Stopping the host with its worker connected is routine: the log says so without cancellation stack traces.</summary>
public sealed class ShutdownLoggingTests
{
    [Fact]
    public async Task AllInOne_StopWhileTheWorkerStreamIsOpen_LogsNoCancellationException()
    {
        var sink = new CapturingLogSink();
        using var setup = new HostSetup { Configure = builder => builder.Services.AddSingleton<ILogEventSink>(sink) };
        // Grpc.AspNetCore reports the status a handler ends with at Information, with the status's debug exception.
        setup.Settings["Serilog:MinimumLevel:Default"] = "Information";

        // Disposed (stopped) also when the wait below fails; stopping twice is a no-op.
        await using RunningHost host = await setup.StartAsync();
        await Deadline.UntilAsync(
            () => Task.FromResult(sink.Events.FirstOrDefault(e => LoggedStepsRun.EventId(e) == 3001)), "the worker's work-item stream");
        await host.StopAsync();

        // The stream did end with the sidecar's shutdown status, and nothing logged an exception for it.
        Assert.Contains(sink.Events, e => LoggedStepsRun.EventId(e) == 3002);
        Assert.DoesNotContain(sink.Events, e => e.Exception is OperationCanceledException);
        Assert.DoesNotContain(sink.Events, e => e.Exception is not null && e.Level >= LogEventLevel.Information);
    }
}

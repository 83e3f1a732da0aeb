using System.Globalization;
using System.Net;
using Microsoft.DurableTask.Client;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Workflows.Research;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Events;

namespace DurableAgents.Host.Tests;

/// <summary>
/// The all-in-one host's request log: one Serilog event per management API request, none for the gRPC calls that the
/// clients and the hosted worker make by the thousand.
/// </summary>
public sealed class RequestLoggingTests
{
    private const string RequestLogSource = "Serilog.AspNetCore.RequestLoggingMiddleware";

    [Fact]
    public async Task AllInOne_ManagementRequestAndGrpcCalls_LogsOneRequestEventForTheManagementRequestOnly()
    {
        var sink = new CapturingLogSink();
        using var setup = new HostSetup { Configure = builder => builder.Services.AddSingleton<ILogEventSink>(sink) };
        // HostSetup lowers everything to Warning; request events are Information.
        setup.Settings["Serilog:MinimumLevel:Override:" + RequestLogSource] = "Information";
        string id;

        await using (RunningHost host = await setup.StartAsync())
        {
            // Over gRPC: the client's start and wait, and the hosted worker's work-item stream and results.
            id = await host.Client.ScheduleNewOrchestrationInstanceAsync(
                ResearchAssistantWorkflow.OrchestratorName, new { topic = "Heat pumps in cold climates" });
            OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, cancellation: Deadline.Token());
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);

            using HttpResponseMessage status = await host.Api.GetInstanceAsync(id);
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        }

        // The host has stopped, so every request has ended, and the middleware writes its event before its request ends:
        // the sink holds every request event there will be.
        List<LogEvent> requests = sink.Events.Where(e => Property(e, "SourceContext") == RequestLogSource).ToList();
        Assert.Equal(["/" + ManagementApi.BasePath + "instances/" + id], requests.Select(e => Property(e, "RequestPath")));
        Assert.Equal("GET", Property(requests[0], "RequestMethod"));
        Assert.Equal("200", Property(requests[0], "StatusCode"));
        Assert.Equal(LogEventLevel.Information, requests[0].Level);
    }

    [Fact]
    public async Task AllInOne_HostingDiagnosticsLogger_IsOffSoKestrelSkipsPerRequestDiagnostics()
    {
        using var setup = new HostSetup();
        await using WebApplication app = DurableAgentsHost.BuildAllInOne(setup.Arguments());

        // Kestrel asks this logger whether Critical is enabled before it creates a per-request Activity and scope.
        ILogger diagnostics = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics");

        Assert.False(diagnostics.IsEnabled(LogLevel.Critical));
        Assert.True(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DurableAgents.Sidecar").IsEnabled(LogLevel.Warning));
    }

    private static string? Property(LogEvent logEvent, string name) =>
        logEvent.Properties.TryGetValue(name, out LogEventPropertyValue? value) && value is ScalarValue { Value: { } scalar }
            ? Convert.ToString(scalar, CultureInfo.InvariantCulture)
            : null;
}

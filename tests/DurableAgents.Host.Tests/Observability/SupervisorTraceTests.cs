using System.Diagnostics;
using DurableAgents.Agents;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Workflows.Supervisor;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace DurableAgents.Host.Tests.Observability;

/// <summary>
/// The host's OpenTelemetry wiring (OpenTelemetry:Enabled) collects one trace per supervisor run started over HTTP, from
/// the request down to each agent's model call, here into the in-memory exporter.
/// </summary>
public sealed class SupervisorTraceTests
{
    [Fact]
    public async Task SupervisorRunStartedOverHttp_OneTraceLinksHttpRequestOrchestrationActivityAndModelCall()
    {
        var exported = new ExportedSpans();
        using var setup = new HostSetup
        {
            Configure = builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exported)),
        };
        setup.Settings["OpenTelemetry:Enabled"] = "true";
        setup.Settings["OpenTelemetry:Endpoint"] = string.Empty;
        await using RunningHost host = await setup.StartAsync();

        string id = await host.Api.StartInstanceAsync(SupervisorWorkflow.OrchestratorName, new { request = "Compare two heat pumps and summarise" });
        OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, cancellation: Deadline.Token());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);

        // The orchestration span is exported when the last episode stops it, before the completion is committed; the
        // HTTP request's span stops after its response was written, so it may come a moment after the answer.
        Activity orchestration = Assert.Single(exported.Snapshot(), a =>
            a.DisplayName == "orchestration:" + SupervisorWorkflow.OrchestratorName && a.Kind == ActivityKind.Server
            && (string?)a.GetTagItem("durabletask.task.instance_id") == id);
        await Deadline.UntilAsync(
            () => Task.FromResult(exported.Snapshot().FirstOrDefault(a => a.Source.Name == "Microsoft.AspNetCore" && a.TraceId == orchestration.TraceId)),
            "the HTTP request's span to be exported");
        Dictionary<ActivitySpanId, Activity> trace = exported.Snapshot().Where(a => a.TraceId == orchestration.TraceId).ToDictionary(a => a.SpanId);

        // orchestration -> create_orchestration (the in-process client's Producer span, as the official client's) -> HTTP request.
        Activity[] ancestors = Ancestors(orchestration, trace).ToArray();
        Assert.Equal(2, ancestors.Length);
        Assert.Equal("create_orchestration:" + SupervisorWorkflow.OrchestratorName, ancestors[0].DisplayName);
        Assert.Equal(ActivityKind.Producer, ancestors[0].Kind);
        Activity http = ancestors[1];
        Assert.Equal("Microsoft.AspNetCore", http.Source.Name);
        Assert.Equal("POST", http.GetTagItem("http.request.method"));
        Assert.Equal(ActivityKind.Server, http.Kind);
        Assert.Equal(default, http.ParentSpanId);

        Activity[] modelCalls = trace.Values.Where(a => a.Source.Name == AgentCallSpan.SourceName).ToArray();
        Assert.NotEmpty(modelCalls);
        foreach (Activity call in modelCalls)
        {
            // chat span -> activity:InvokeAgent (Server, where it ran) -> activity:InvokeAgent (Client, scheduled) -> orchestration.
            Activity ran = trace[call.ParentSpanId];
            Assert.Equal("activity:" + InvokeAgentActivity.ActivityName, ran.DisplayName);
            Assert.Equal(ActivityKind.Server, ran.Kind);
            Activity scheduled = trace[ran.ParentSpanId];
            Assert.Equal("activity:" + InvokeAgentActivity.ActivityName, scheduled.DisplayName);
            Assert.Equal(ActivityKind.Client, scheduled.Kind);
            Assert.Equal(orchestration.SpanId, scheduled.ParentSpanId);
            Assert.Equal(ActivityKind.Client, call.Kind);
            Assert.NotNull(call.GetTagItem("gen_ai.request.model"));
            Assert.True((long)call.GetTagItem("gen_ai.usage.output_tokens")! > 0);
            Assert.NotNull(call.GetTagItem("durableagents.cost"));
        }
    }

    /// <summary>The chain of parents of <paramref name="span"/> that the trace holds, nearest first.</summary>
    private static IEnumerable<Activity> Ancestors(Activity span, Dictionary<ActivitySpanId, Activity> trace)
    {
        Activity current = span;
        while (current.ParentSpanId != default)
        {
            Assert.True(trace.TryGetValue(current.ParentSpanId, out Activity? parent), $"The parent {current.ParentSpanId} of '{current.DisplayName}' was not exported.");
            yield return parent!;
            current = parent!;
        }
    }
}

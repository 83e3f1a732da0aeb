using System.Globalization;
using DurableAgents.Host.Tests.Infrastructure;
using Serilog.Events;

namespace DurableAgents.Host.Tests.Logging;

/// <summary>
/// Orchestrator logs written through <c>context.CreateReplaySafeLogger</c> appear once per run although the orchestrator
/// code is replayed in later episodes, on our executor and on the official worker.
/// </summary>
public sealed class ReplaySafeLoggingTests
{
    private static readonly string OrchestratorCategory = typeof(LoggedStepsOrchestrator).FullName!;
    private static readonly string ActivityCategory = typeof(LoggedEchoActivity).FullName!;

    [Theory]
    // No cached replay state: every episode replays the whole history before it runs the new events.
    [InlineData("DurableAgents", "0")]
    // The cached state continues without replay; the same lines, once.
    [InlineData("DurableAgents", "1000")]
    // The official worker replays every episode.
    [InlineData("Official", "0")]
    public async Task ReplaySafeLogger_RunOverSeveralEpisodes_WritesEveryLineExactlyOnce(string executor, string cachedOrchestrations)
    {
        LoggedStepsRun run = await LoggedStepsRun.RunAsync(
            (DurableAgentsHost.WorkerExecutorSetting, executor), ("Worker:MaxCachedOrchestrations", cachedOrchestrations));

        Assert.Equal(
            LoggedStepsOrchestrator.ExpectedLines(LoggedStepsRun.Subject, LoggedStepsRun.Payload),
            run.MessagesOf(OrchestratorCategory));
        Assert.Equal(["echoing heat pumps", "echoing left", "echoing right"], run.MessagesOf(ActivityCategory).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task OurExecutor_OneInstanceRun_EveryLineOfEngineWorkerOrchestratorAndActivityCarriesTheInstanceId()
    {
        LoggedStepsRun run = await LoggedStepsRun.RunAsync(
            (DurableAgentsHost.WorkerExecutorSetting, "DurableAgents"), ("Worker:MaxCachedOrchestrations", "0"));

        List<LogEvent> lines = run.EventsDuringRun.Where(e => IsDurableAgentsOrTestCategory(LoggedStepsRun.SourceContext(e))).ToList();

        // The run logged engine, worker, orchestrator and activity lines: the check below is not vacuous.
        Assert.Contains(lines, e => LoggedStepsRun.SourceContext(e)!.StartsWith("DurableAgents.TaskHub", StringComparison.Ordinal));
        Assert.Contains(lines, e => LoggedStepsRun.SourceContext(e) == "DurableAgents.Worker.Execution.OrchestrationWorkItemProcessor");
        Assert.Contains(lines, e => LoggedStepsRun.SourceContext(e) == "DurableAgents.Worker" && e.MessageTemplate.Text.StartsWith("Activity", StringComparison.Ordinal));
        Assert.Contains(lines, e => LoggedStepsRun.SourceContext(e) == OrchestratorCategory);
        Assert.Contains(lines, e => LoggedStepsRun.SourceContext(e) == ActivityCategory);
        Assert.All(lines, e => Assert.True(
            LoggedStepsRun.Scalar(e, "InstanceId") == run.InstanceId,
            $"{LoggedStepsRun.SourceContext(e)}: \"{e.RenderMessage(CultureInfo.InvariantCulture)}\" has InstanceId {LoggedStepsRun.Scalar(e, "InstanceId") ?? "(none)"}"));
    }

    [Fact]
    public async Task OfficialWorker_OneInstanceRun_TheSdksLinesCarryTheInstanceIdToo()
    {
        LoggedStepsRun run = await LoggedStepsRun.RunAsync((DurableAgentsHost.WorkerExecutorSetting, "Official"));

        // The official worker names the instance as "instanceId" in its own messages; the host adds InstanceId.
        List<LogEvent> sdkLines = run.EventsDuringRun
            .Where(e => LoggedStepsRun.SourceContext(e)?.StartsWith("Microsoft.DurableTask", StringComparison.Ordinal) == true
                && e.Properties.ContainsKey("instanceId"))
            .ToList();
        Assert.NotEmpty(sdkLines);
        Assert.All(sdkLines, e => Assert.Equal(run.InstanceId, LoggedStepsRun.Scalar(e, "InstanceId")));
    }

    // DurableAgents' own categories; the test's orchestrator and activity live under DurableAgents.Host.Tests.
    private static bool IsDurableAgentsOrTestCategory(string? category) =>
        category is not null && category.StartsWith("DurableAgents.", StringComparison.Ordinal);
}

using DurableAgents.TaskHub.Tests.Engine.Infrastructure;
using Microsoft.Extensions.Logging;

namespace DurableAgents.TaskHub.Tests.Engine;

/// <summary>Every instance end leaves one line in the host log: id, name, status, duration and, for a failure, its message.</summary>
public sealed class TaskHubEngineInstanceEndLogTests
{
    [Fact]
    public async Task InstanceEnd_Completed_LogsOneInformationLineWithIdNameAndDuration()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => w
            .Orchestration<string, string>("Waits", async (ctx, _) =>
            {
                await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddSeconds(90), CancellationToken.None);
                return "done";
            }));

        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Waits") { InstanceId = "ends-completed" });
        await hub.WaitForStatusAsync(id, OrchestrationStatus.Running);
        hub.Time.Advance(TimeSpan.FromSeconds(90));
        await hub.WaitForCompletionAsync(id);

        LogEntry line = Assert.Single(EndLines(hub, id));
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Equal("Instance ends-completed (Waits) Completed after 00:01:30.", line.Message);
    }

    [Fact]
    public async Task InstanceEnd_Failed_LogsOneWarningLineWithTheFailureMessage()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => w
            .Orchestration<string, string>("Fragile", (ctx, _) => ctx.CallActivityAsync<string>("Boom"))
            .Activity("Boom", _ => throw new InvalidOperationException("the tool is down")));

        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Fragile") { InstanceId = "ends-failed" });
        await hub.WaitForCompletionAsync(id);

        LogEntry line = Assert.Single(EndLines(hub, id));
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.StartsWith("Instance ends-failed (Fragile) Failed after 00:00:00: ", line.Message, StringComparison.Ordinal);
        Assert.Contains("the tool is down", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstanceEnd_Terminated_LogsOneLineWithStatusDurationAndReason()
    {
        await using TestHub hub = await TestHub.StartAsync();
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("NobodyRunsThis") { InstanceId = "ends-terminated" });
        hub.Time.Advance(TimeSpan.FromMinutes(2));

        await hub.Engine.TerminateAsync(id, Json.Of("stop it"));
        await hub.WaitForCompletionAsync(id);

        LogEntry line = Assert.Single(EndLines(hub, id));
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Equal("Instance ends-terminated (NobodyRunsThis) Terminated after 00:02:00; output: \"stop it\"", line.Message);
    }

    private static IEnumerable<LogEntry> EndLines(TestHub hub, string instanceId) =>
        hub.Logs.Entries.Where(e => e.EventId is 1006 or 1017 or 1018 && e.Message.StartsWith($"Instance {instanceId} ", StringComparison.Ordinal));
}

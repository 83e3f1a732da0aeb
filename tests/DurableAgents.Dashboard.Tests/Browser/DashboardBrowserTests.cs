using System.Text.Json;
using System.Text.Json.Nodes;
using DurableAgents.Agents.Calls;
using DurableAgents.Converters;
using DurableAgents.Dashboard.Tests.Infrastructure;
using DurableAgents.History;
using DurableAgents.Budgets;
using DurableAgents.Workflows.SideEffects;
using DurableAgents.Workflows.Supervisor;
using DurableAgents.Workflows.Support;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Xunit.Abstractions;

namespace DurableAgents.Dashboard.Tests.Browser;

/// <summary>
/// The dashboard in a real browser: Playwright (tests/browser) drives Debian's chromium, headless, against the real
/// host with an API key. Screenshots are kept under the test output folder, TestResults/screenshots/{test name}/.
/// </summary>
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    private const string ApiKey = "browser-test-key-7d1e";

    [Fact]
    public async Task WaitingSupervisorRun_ApprovedInTheBrowser_CompletesAndItsTimelineShowsEachAgentCallWithTokens()
    {
        using CancellationTokenSource deadline = Deadline.Source();
        await BrowserTooling.EnsureInstalledAsync();
        await using DashboardHost host = await DashboardHost.StartAsync(ApiKey);
        (string id, string approvalName) = await host.StartWaitingSupervisorAsync();
        string screenshots = ScreenshotFolder(nameof(WaitingSupervisorRun_ApprovedInTheBrowser_CompletesAndItsTimelineShowsEachAgentCallWithTokens));
        using var profile = new TempDirectory("chromium-profile");

        ToolRun run = await BrowserTooling.RunScriptAsync(
            "dashboard-approval.mjs",
            [host.Address.ToString().TrimEnd('/'), ApiKey, id, screenshots, profile.Path],
            Deadline.Duration * 3);
        output.WriteLine(run.StandardOutput);
        output.WriteLine(run.StandardError);
        Assert.True(run.ExitCode == 0, $"The browser script failed (exit code {run.ExitCode}):\n{run.StandardError}\n{run.StandardOutput}");
        JsonNode page = JsonNode.Parse(run.StandardOutput.Trim().Split('\n')[^1])!;

        // What the page showed before the answer: the run Running, its approval with the published details.
        Assert.Equal("Running", page["listedStatus"]!.GetValue<string>());
        Assert.Equal(approvalName, page["approvalName"]!.GetValue<string>());
        Assert.Equal("step-3", page["details"]!["subtask"]!.GetValue<string>());

        // The answer given in the page reached the run, once, and the run completed.
        OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, deadline.Token);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        Assert.Equal("ana (dashboard)", done.ReadOutputAs<SupervisorReport>()!.Subtasks.Single(s => s.Risky).Approver);

        // One bar per agent call in the history, each with that call's tokens.
        IReadOnlyList<HistoryEvent> history = await host.History.GetHistoryAsync(id, deadline.Token);
        List<AgentResult> calls = AgentResults(history);
        JsonArray bars = page["agentBars"]!.AsArray();
        Assert.Equal(5, calls.Count);
        Assert.Equal(calls.Count, bars.Count);
        Assert.Equal(
            calls.Select(c => (c.AgentName, c.TotalTokens)).Order(),
            bars.Select(b => (b!["agent"]!.GetValue<string>(), (long)b["tokens"]!.GetValue<double>())).Order());
        Assert.All(bars, b =>
        {
            Assert.Contains(" tokens", b!["label"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.True(b["tokens"]!.GetValue<double>() > 0);
        });
        Assert.Contains(page["approvalRows"]!.AsArray(), r => r!.GetValue<string>().Contains("approved by ana (dashboard)", StringComparison.Ordinal));
        Assert.Contains($"total ({calls.Count} calls)", page["totals"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(calls.Sum(c => c.InputTokens).ToString(System.Globalization.CultureInfo.InvariantCulture), page["totals"]!.GetValue<string>(), StringComparison.Ordinal);

        // Offline: the browser asked nothing of any other host (the API reference page included), no script error, no failed request but the 401 that asks for the key.
        Assert.Empty(page["external"]!.AsArray());
        Assert.Empty(page["pageErrors"]!.AsArray());
        Assert.Empty(page["failedResponses"]!.AsArray());
        Assert.Equal(new Uri(host.Address, "/dashboard/api-reference/"), new Uri(page["apiReferenceUrl"]!.GetValue<string>()));
        Assert.All(["01-api-key.png", "02-instances.png", "03-approval.png", "04-timeline.png", "05-api-reference.png"],
            file => Assert.True(new FileInfo(Path.Combine(screenshots, file)).Length > 0, $"{file} was not written."));
    }

    [Fact]
    public async Task ListFiltersCompensationAndEveryAction_WorkThroughThePage()
    {
        using CancellationTokenSource deadline = Deadline.Source();
        await BrowserTooling.EnsureInstalledAsync();
        await using DashboardHost host = await DashboardHost.StartAsync();
        const string compensatedId = "act-compensated";
        const string runningId = "act-running";

        // A support run whose budget is too small for its agents: the ticket it opened is cancelled and the run fails.
        await host.Client.ScheduleNewOrchestrationInstanceAsync(
            CustomerSupportWorkflow.OrchestratorName,
            new SupportRequest("C-1", "I was charged twice") { Budget = new WorkflowBudget(50, 1m) },
            new StartOrchestrationOptions(compensatedId));
        OrchestrationMetadata compensated = await host.Client.WaitForInstanceCompletionAsync(compensatedId, cancellation: deadline.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, compensated.RuntimeStatus);
        await host.StartWaitingSupervisorAsync(runningId);
        string screenshots = ScreenshotFolder(nameof(ListFiltersCompensationAndEveryAction_WorkThroughThePage));
        using var profile = new TempDirectory("chromium-profile");

        ToolRun run = await BrowserTooling.RunScriptAsync(
            "dashboard-actions.mjs",
            [host.Address.ToString().TrimEnd('/'), runningId, compensatedId, screenshots, profile.Path],
            Deadline.Duration * 3);
        output.WriteLine(run.StandardOutput);
        output.WriteLine(run.StandardError);
        Assert.True(run.ExitCode == 0, $"The browser script failed (exit code {run.ExitCode}):\n{run.StandardError}\n{run.StandardOutput}");
        JsonNode page = JsonNode.Parse(run.StandardOutput.Trim().Split('\n')[^1])!;

        // The id prefix filter listed both runs, the counts followed it, the Failed count and the name filtered to the failed
        // run (a created range in 2000 listed nothing: the script waited for the empty list).
        Assert.Equal([compensatedId, runningId], Strings(page["prefixRows"]).Order(StringComparer.Ordinal));
        Assert.Equal("1", page["counts"]!["Failed"]!.GetValue<string>());
        Assert.Equal("1", page["counts"]!["Running"]!.GetValue<string>());
        Assert.Equal("0", page["counts"]!["Completed"]!.GetValue<string>());
        Assert.Equal([compensatedId], Strings(page["failedRows"]));
        Assert.Equal([compensatedId], Strings(page["nameRows"]));

        // The compensated run: its failure, the cancelled ticket tagged as compensation, the two refused agent calls failed.
        Assert.Contains("CompensatedWorkflowException", page["failureDetails"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(Strings(page["compensationLabels"]), l => l.StartsWith(SideEffectOperations.CancelTicket, StringComparison.Ordinal));
        Assert.Equal(2, Strings(page["failedLabels"]).Count(l => l.StartsWith("agent ", StringComparison.Ordinal)));

        // The page's timeline code on a history with a retry: the second call with the same input is attempt 2, another
        // input a first attempt; the retry's timer, a sub-orchestration and an event are rows with their durations.
        JsonArray rows = page["retryAttempts"]!.AsArray();
        Assert.Equal(
            [("activity", "Charge", 1, true, 900), ("timer", "timer", 1, false, 5000), ("activity", "Charge", 2, false, 1000),
             ("activity", "Charge", 1, false, 1000), ("suborchestration", "Ship", 1, false, 2000), ("event", "Delivered", 1, false, 0)],
            rows.Select(r => (r!["kind"]!.GetValue<string>(), r["name"]!.GetValue<string>(), r["attempt"]!.GetValue<int>(), r["failed"]!.GetValue<bool>(), r["milliseconds"]!.GetValue<int>())));

        // A finished run's page stops refreshing once drawn; the running run's page keeps its refresh.
        Assert.False(page["finishedRefresh"]!["timer"]!.GetValue<bool>());
        Assert.False(page["finishedRefresh"]!["render"]!.GetValue<bool>());
        Assert.True(page["runningRefresh"]!["render"]!.GetValue<bool>());

        // The finished run's load, let through only after the running run was opened, neither drew into that page nor
        // took over its refreshing: the next instance request was the running run's own refresh.
        Assert.Equal(runningId, page["nextRefreshOf"]!.GetValue<string>());
        Assert.Equal(runningId, page["raceHeading"]!.GetValue<string>());
        Assert.Equal("Running", page["raceStatus"]!.GetValue<string>());

        // The actions: a dismissed confirmation sent no request and the next refresh read the run still Running; restart
        // made a new run; purge removed the old one.
        Assert.Equal("Running", page["before"]!.GetValue<string>());
        Assert.Empty(page["changesAfterDismiss"]!.AsArray());
        Assert.Equal("Running", page["afterDismiss"]!.GetValue<string>());
        string restartedId = page["restartedId"]!.GetValue<string>();
        Assert.NotEqual(runningId, restartedId);
        OrchestrationMetadata? restarted = await host.Client.GetInstanceAsync(restartedId);
        Assert.Equal(SupervisorWorkflow.OrchestratorName, restarted?.Name);
        Assert.Null(await host.Client.GetInstanceAsync(runningId));
        Assert.Equal([compensatedId], Strings(page["listedAfterPurge"]));

        Assert.Empty(page["external"]!.AsArray());
        Assert.Empty(page["pageErrors"]!.AsArray());
        // A refresh of the purged run's page that was already on its way may find it gone; nothing else may fail.
        Assert.All(Strings(page["failedResponses"]), r => Assert.StartsWith("404 ", r, StringComparison.Ordinal));
        Assert.All(Strings(page["failedResponses"]), r => Assert.Contains("/instances/" + runningId, r, StringComparison.Ordinal));
    }

    private static List<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>()).ToList();

    private static List<AgentResult> AgentResults(IReadOnlyList<HistoryEvent> history)
    {
        HashSet<int> agentCalls = history.OfType<TaskScheduledEvent>().Where(e => e.Name == "InvokeAgent").Select(e => e.EventId).ToHashSet();
        return history.OfType<TaskCompletedEvent>()
            .Where(c => agentCalls.Contains(c.TaskScheduledId))
            .Select(c => JsonSerializer.Deserialize<AgentResult>(c.Result!, WebJsonDataConverter.Default.Options)!)
            .ToList();
    }

    internal static string ScreenshotFolder(string test)
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots", test);
        Directory.CreateDirectory(folder);
        return folder;
    }
}

using System.Globalization;
using Microsoft.DurableTask;
using System.Text.Json;
using DurableAgents.Cli.Tests.Infrastructure;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Cli.Tests.EndToEnd;

/// <summary>
/// Every command against a real sidecar and worker. The scenarios run once per backend: the concrete classes say
/// whether the CLI talks gRPC (--sidecar) or the HTTP API (--http).
/// </summary>
public abstract class CommandsTestsBase
{
    protected CommandsTestsBase(SharedSidecar shared)
    {
        ArgumentNullException.ThrowIfNull(shared);
        Host = shared.Host;
    }

    protected SidecarHost Host { get; }

    /// <summary>The global options that point the CLI at the backend under test.</summary>
    protected abstract string[] BackendArgs { get; }

    protected Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync([.. BackendArgs, .. args]);

    [Fact]
    public async Task Start_WithWait_PrintsOutputAndExitsZero()
    {
        string id = SidecarHost.NewId("wait");

        CliResult result = await RunAsync("start", TestOrchestrations.Hello, "--input", """{"name":"ana"}""", "--id", id, "--wait");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Started instance {id} of 'Hello'", result.Output, StringComparison.Ordinal);
        Assert.Contains("Completed", result.Output, StringComparison.Ordinal);
        Assert.Contains("Hello, ana! Hello, ana again!", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithoutWait_SchedulesInstance()
    {
        string id = SidecarHost.NewId("nowait");

        CliResult result = await RunAsync("start", TestOrchestrations.Hello, "--input", """{"name":"bo"}""", "--id", id);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"Started instance {id} of 'Hello'.", result.Output.Trim());
        OrchestrationMetadata finished = await Host.WaitForCompletionAsync(id);
        Assert.Equal("\"Hello, bo! Hello, bo again!\"", finished.SerializedOutput);
    }

    [Fact]
    public async Task Start_WithWaitOnFailingOrchestration_ExitsOneAndShowsFailure()
    {
        CliResult result = await RunAsync("start", TestOrchestrations.Fails, "--input", "\"x\"", "--wait");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Failed", result.Output, StringComparison.Ordinal);
        Assert.Contains(TestOrchestrations.FailureMessage, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithWaitAndTimeout_ExitsOneWhileInstanceStillRuns()
    {
        string id = SidecarHost.NewId("timeout");

        CliResult result = await RunAsync("start", TestOrchestrations.WaitsForGo, "--id", id, "--wait", "--timeout", "0.5");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"Instance {id} did not finish within 0.5 s; it is still running", result.Error, StringComparison.Ordinal);
        Assert.False((await Host.Client.GetInstanceAsync(id))!.IsCompleted);
        await Host.Client.TerminateInstanceAsync(id, "test over");
    }

    [Fact]
    public async Task Start_IdOfRunningInstance_ExitsOne()
    {
        string id = SidecarHost.NewId("duplicate");
        await Host.Client.ScheduleNewOrchestrationInstanceAsync(TestOrchestrations.WaitsForGo, new StartOrchestrationOptions(id));
        await Host.WaitUntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running, "Running");

        CliResult result = await RunAsync("start", TestOrchestrations.WaitsForGo, "--id", id);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"'{id}' already exists", result.Error, StringComparison.Ordinal);
        await Host.Client.TerminateInstanceAsync(id, "test over");
    }

    [Fact]
    public async Task Start_InvalidJsonInput_ExitsTwoAndStartsNothing()
    {
        string id = SidecarHost.NewId("badjson");

        CliResult result = await RunAsync("start", TestOrchestrations.Hello, "--input", "{name: ana}", "--id", id);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--input is not valid JSON", result.Error, StringComparison.Ordinal);
        Assert.Null(await Host.Client.GetInstanceAsync(id));
    }

    [Fact]
    public async Task Status_Json_ParsesWithStatusInputOutputAndHistory()
    {
        string id = await StartCompletedHelloAsync("json", "cy");

        CliResult result = await RunAsync("status", id, "--show-input", "--show-history", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument document = JsonDocument.Parse(result.Output);
        JsonElement root = document.RootElement;
        Assert.Equal(id, root.GetProperty("instanceId").GetString());
        Assert.Equal("Hello", root.GetProperty("name").GetString());
        Assert.Equal("Completed", root.GetProperty("runtimeStatus").GetString());
        Assert.Equal("cy", root.GetProperty("input").GetProperty("name").GetString());
        Assert.Equal("Hello, cy! Hello, cy again!", root.GetProperty("output").GetString());
        string[] eventTypes = root.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("eventType").GetString()!).ToArray();
        Assert.Equal("ExecutionStarted", eventTypes[0]);
        Assert.Equal("ExecutionCompleted", eventTypes[^1]);
        Assert.Equal(2, eventTypes.Count(type => type == "TaskCompleted"));
    }

    [Fact]
    public async Task Status_Table_ShowsStatusAndOutput()
    {
        string id = await StartCompletedHelloAsync("table", "di");

        CliResult result = await RunAsync("status", id);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(id, result.Output, StringComparison.Ordinal);
        Assert.Matches(@"Status\s+Completed", result.Output);
        Assert.Matches(@"Output\s+""Hello, di! Hello, di again!""", result.Output);
        Assert.DoesNotContain("Input", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_UnknownInstance_ExitsOneWithMessage()
    {
        CliResult result = await RunAsync("status", "no-such-instance");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("No orchestration instance with id 'no-such-instance' exists", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_Table_ShowsEventsNamesAndResults()
    {
        string id = await StartCompletedHelloAsync("history", "ed");

        CliResult result = await RunAsync("history", id);

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] lines = result.Output.Split('\n');
        Assert.Contains(lines, line => line.Contains("ExecutionStarted", StringComparison.Ordinal) && line.Contains("Hello", StringComparison.Ordinal)
            && line.Contains("""input {"name":"ed"}""", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("TaskCompleted", StringComparison.Ordinal) && line.Contains("Greet", StringComparison.Ordinal)
            && line.Contains("result \"Hello, ed!\"", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("TaskCompleted", StringComparison.Ordinal) && line.Contains("result \"Hello, ed again!\"", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("ExecutionCompleted", StringComparison.Ordinal)
            && line.Contains("Completed, result \"Hello, ed! Hello, ed again!\"", StringComparison.Ordinal));
        Assert.DoesNotContain("OrchestratorStarted", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_UnknownInstance_ExitsOne()
    {
        CliResult result = await RunAsync("history", "no-such-instance");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("no-such-instance", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_FiltersByPrefixStatusAndTop()
    {
        string prefix = SidecarHost.NewId("list");
        string first = await StartCompletedHelloAsync(prefix, "fa", exactId: prefix + "-a");
        string second = await StartCompletedHelloAsync(prefix, "gu", exactId: prefix + "-b");

        CliResult json = await RunAsync("list", "--prefix", prefix, "--json");
        CliResult top = await RunAsync("list", "--prefix", prefix, "--top", "1");
        CliResult running = await RunAsync("list", "--prefix", prefix, "--status", "Running,Pending");
        CliResult completed = await RunAsync("list", "--prefix", prefix, "--status", "completed");

        Assert.True(json.ExitCode == 0, json.ToString());
        using JsonDocument document = JsonDocument.Parse(json.Output);
        Assert.Equal([first, second], document.RootElement.EnumerateArray().Select(e => e.GetProperty("instanceId").GetString()).Order());
        Assert.All(document.RootElement.EnumerateArray(), e =>
        {
            Assert.Equal("Completed", e.GetProperty("runtimeStatus").GetString());
            // Lists are summaries on both backends; payloads come from `status`.
            Assert.False(e.TryGetProperty("output", out _));
        });

        Assert.True(top.ExitCode == 0, top.ToString());
        Assert.Equal(1, CountOccurrences(top.Output, prefix));
        Assert.Contains("Showing the first 1; more match", top.Output, StringComparison.Ordinal);

        Assert.True(running.ExitCode == 0, running.ToString());
        Assert.Contains("No instances match.", running.Output, StringComparison.Ordinal);

        Assert.True(completed.ExitCode == 0, completed.ToString());
        Assert.Contains(first, completed.Output, StringComparison.Ordinal);
        Assert.Contains(second, completed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raise_DeliversEventData()
    {
        string id = SidecarHost.NewId("raise");
        await Host.Client.ScheduleNewOrchestrationInstanceAsync(TestOrchestrations.WaitsForGo, new StartOrchestrationOptions(id));

        CliResult result = await RunAsync("raise", id, TestOrchestrations.GoEvent, "--data", """{"speed":"fast"}""");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Raised event 'go' on instance {id}", result.Output, StringComparison.Ordinal);
        OrchestrationMetadata finished = await Host.WaitForCompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        Assert.Equal("\"went fast\"", finished.SerializedOutput);
    }

    [Fact]
    public async Task Raise_UnknownInstance_ExitsOne()
    {
        CliResult result = await RunAsync("raise", "no-such-instance", "go", "--data", "1");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("No orchestration instance with id 'no-such-instance' exists", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_WaitingInstance_DeliversDecision()
    {
        string id = await StartWaitingForApprovalAsync("approve");

        CliResult result = await RunAsync("approve", id, TestOrchestrations.ApprovalName, "--approver", "ana", "--comment", "ship it");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Approved 'publish' of instance {id} as ana.", result.Output, StringComparison.Ordinal);
        OrchestrationMetadata finished = await Host.WaitForCompletionAsync(id);
        Assert.Equal("\"Approved by ana: ship it\"", finished.SerializedOutput);
    }

    [Fact]
    public async Task Approve_WithReject_DeliversRejection()
    {
        string id = await StartWaitingForApprovalAsync("reject");

        CliResult result = await RunAsync("approve", id, TestOrchestrations.ApprovalName, "--reject", "--approver", "bo", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument document = JsonDocument.Parse(result.Output);
        Assert.False(document.RootElement.GetProperty("approved").GetBoolean());
        OrchestrationMetadata finished = await Host.WaitForCompletionAsync(id);
        Assert.Equal("\"Rejected by bo: -\"", finished.SerializedOutput);
    }

    [Fact]
    public async Task Approve_InstanceNotWaitingForThatApproval_ExitsOne()
    {
        string id = await StartWaitingForApprovalAsync("wrongname");

        CliResult result = await RunAsync("approve", id, "deploy");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("is not waiting for approval 'deploy'", result.Error, StringComparison.Ordinal);
        Assert.Contains("waiting for approval 'publish'", result.Error, StringComparison.Ordinal);
        OrchestrationMetadata? still = await Host.Client.GetInstanceAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Running, still!.RuntimeStatus);
        await Host.Client.TerminateInstanceAsync(id, "test over");
    }

    [Fact]
    public async Task Approvals_WaitingInstance_ListedWithApprovalNameAndFilteredByName()
    {
        string id = await StartWaitingForApprovalAsync("approvals");

        CliResult json = await RunAsync("approvals", "--json");
        CliResult table = await RunAsync("approvals", "--name", TestOrchestrations.ApprovalName);
        CliResult otherName = await RunAsync("approvals", "--name", "deploy", "--json");

        Assert.True(json.ExitCode == 0, json.ToString());
        using JsonDocument document = JsonDocument.Parse(json.Output);
        JsonElement entry = Assert.Single(document.RootElement.EnumerateArray(), e => e.GetProperty("instanceId").GetString() == id);
        Assert.Equal(TestOrchestrations.ApprovalName, entry.GetProperty("name").GetString());
        Assert.Equal(TestOrchestrations.NeedsApproval, entry.GetProperty("orchestratorName").GetString());
        Assert.Equal("release notes", entry.GetProperty("details").GetProperty("title").GetString());
        Assert.True(DateTimeOffset.Parse(entry.GetProperty("expiresAt").GetString()!, CultureInfo.InvariantCulture)
            > DateTimeOffset.Parse(entry.GetProperty("since").GetString()!, CultureInfo.InvariantCulture));

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains(table.Output.Split('\n'), line => line.Contains(id, StringComparison.Ordinal) && line.Contains("publish", StringComparison.Ordinal));

        Assert.True(otherName.ExitCode == 0, otherName.ToString());
        Assert.DoesNotContain(id, otherName.Output, StringComparison.Ordinal);
        await Host.Client.TerminateInstanceAsync(id, "test over");
    }

    [Fact]
    public async Task Reject_WaitingInstance_DeliversRejectionWithApproverAndComment()
    {
        string id = await StartWaitingForApprovalAsync("reject-command");

        CliResult result = await RunAsync("reject", id, TestOrchestrations.ApprovalName, "--approver", "cy", "--comment", "not yet");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Rejected 'publish' of instance {id} as cy.", result.Output, StringComparison.Ordinal);
        OrchestrationMetadata finished = await Host.WaitForCompletionAsync(id);
        Assert.Equal("\"Rejected by cy: not yet\"", finished.SerializedOutput);
    }

    [Fact]
    public async Task Restart_FinishedInstance_RunsCopyUnderNewIdWithSameInput()
    {
        string id = await StartCompletedHelloAsync("restart", "ra");

        CliResult result = await RunAsync("restart", id, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        string restarted = JsonDocument.Parse(result.Output).RootElement.GetProperty("restartedInstanceId").GetString()!;
        Assert.NotEqual(id, restarted);
        OrchestrationMetadata finished = await Host.WaitForCompletionAsync(restarted);
        Assert.Equal("\"Hello, ra! Hello, ra again!\"", finished.SerializedOutput);
        Assert.NotNull(await Host.Client.GetInstanceAsync(id));
    }

    [Fact]
    public async Task Restart_SameIdOfFinishedInstance_RunsItAgainUnderThatId()
    {
        string id = await StartCompletedHelloAsync("restart-same", "si");
        DateTimeOffset firstCreated = (await Host.Client.GetInstanceAsync(id))!.CreatedAt;

        CliResult result = await RunAsync("restart", id, "--same-id");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Restarted instance {id} under the same id", result.Output, StringComparison.Ordinal);
        await Host.WaitUntilAsync(
            id, i => i.CreatedAt > firstCreated && i.RuntimeStatus == OrchestrationRuntimeStatus.Completed, "created again and Completed");
        Assert.Equal("\"Hello, si! Hello, si again!\"", (await Host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.SerializedOutput);
    }

    [Fact]
    public async Task Restart_SameIdWhileRunning_ExitsOneAndLeavesInstanceRunning()
    {
        string id = SidecarHost.NewId("restart-running");
        await Host.Client.ScheduleNewOrchestrationInstanceAsync(TestOrchestrations.WaitsForGo, new StartOrchestrationOptions(id));
        await Host.WaitUntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running, "Running");

        CliResult result = await RunAsync("restart", id, "--same-id");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Running", result.Error, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        await Host.Client.TerminateInstanceAsync(id, "test over");
    }

    [Fact]
    public async Task Restart_UnknownInstance_ExitsOne()
    {
        CliResult result = await RunAsync("restart", "no-such-instance");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("no-such-instance", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_EightyColumnTerminal_KeepsNameColumnAndFitsWidth()
    {
        string id = await StartCompletedHelloAsync("narrow-list", "nw");

        CliResult result = await CliRunner.RunAsync([.. BackendArgs, "list", "--prefix", id], new Dictionary<string, string>(), width: 80);

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToArray();
        Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Assert.Contains(lines, line => line.Contains(id, StringComparison.Ordinal) && line.Contains(TestOrchestrations.Hello, StringComparison.Ordinal)
            && line.Contains("Completed", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Name", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Terminate_RunningInstance_EndsTerminatedWithReason()
    {
        string id = SidecarHost.NewId("terminate");
        await Host.Client.ScheduleNewOrchestrationInstanceAsync(TestOrchestrations.WaitsForGo, new StartOrchestrationOptions(id));
        await Host.WaitUntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running, "Running");

        CliResult result = await RunAsync("terminate", id, "--reason", "no longer needed");

        Assert.True(result.ExitCode == 0, result.ToString());
        OrchestrationMetadata finished = await Host.WaitForCompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, finished.RuntimeStatus);
        Assert.Contains("no longer needed", finished.SerializedOutput, StringComparison.Ordinal);
        CliResult status = await RunAsync("status", id);
        Assert.Matches(@"Status\s+Terminated", status.Output);
    }

    [Fact]
    public async Task Terminate_FinishedInstance_ExitsOne()
    {
        string id = await StartCompletedHelloAsync("terminate-done", "hu");

        CliResult result = await RunAsync("terminate", id);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Completed", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuspendAndResume_HoldAndReleaseInstance()
    {
        string id = SidecarHost.NewId("suspend");
        await Host.Client.ScheduleNewOrchestrationInstanceAsync(TestOrchestrations.WaitsForGo, new StartOrchestrationOptions(id));
        await Host.WaitUntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running, "Running");

        CliResult suspend = await RunAsync("suspend", id, "--reason", "lunch");
        Assert.True(suspend.ExitCode == 0, suspend.ToString());
        await Host.WaitUntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "Suspended");
        CliResult status = await RunAsync("status", id, "--json");
        Assert.Equal("Suspended", JsonDocument.Parse(status.Output).RootElement.GetProperty("runtimeStatus").GetString());

        CliResult resume = await RunAsync("resume", id, "--reason", "back");
        Assert.True(resume.ExitCode == 0, resume.ToString());
        await Host.WaitUntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running, "Running again");
        await Host.Client.RaiseEventAsync(id, TestOrchestrations.GoEvent, new { speed = "slow" });
        OrchestrationMetadata finished = await Host.WaitForCompletionAsync(id);
        Assert.Equal("\"went slow\"", finished.SerializedOutput);

        CliResult history = await RunAsync("history", id);
        Assert.Contains("ExecutionSuspended", history.Output, StringComparison.Ordinal);
        Assert.Contains("reason lunch", history.Output, StringComparison.Ordinal);
        Assert.Contains("ExecutionResumed", history.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Purge_ById_DeletesFinishedInstance()
    {
        string id = await StartCompletedHelloAsync("purge", "io");

        CliResult result = await RunAsync("purge", id);
        CliResult again = await RunAsync("status", id);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Purged 1 instance.", result.Output, StringComparison.Ordinal);
        Assert.Null(await Host.Client.GetInstanceAsync(id));
        Assert.Equal(1, again.ExitCode);
    }

    [Fact]
    public async Task Purge_RunningInstance_ExitsOneAndKeepsIt()
    {
        string id = SidecarHost.NewId("purge-running");
        await Host.Client.ScheduleNewOrchestrationInstanceAsync(TestOrchestrations.WaitsForGo, new StartOrchestrationOptions(id));
        await Host.WaitUntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running, "Running");

        CliResult result = await RunAsync("purge", id);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Running", result.Error, StringComparison.Ordinal);
        Assert.NotNull(await Host.Client.GetInstanceAsync(id));
        await Host.Client.TerminateInstanceAsync(id, "test over");
    }

    [Fact]
    public async Task Purge_ByFilter_DeletesOnlyMatchingStatuses()
    {
        string from = DateTimeOffset.UtcNow.AddSeconds(-2).ToString("O");
        string completedA = await StartCompletedHelloAsync("purge-filter", "ju");
        string completedB = await StartCompletedHelloAsync("purge-filter", "ka");
        string failed = SidecarHost.NewId("purge-filter-failed");
        CliResult failedRun = await RunAsync("start", TestOrchestrations.Fails, "--id", failed, "--wait");
        Assert.Equal(1, failedRun.ExitCode);

        CliResult result = await RunAsync("purge", "--created-from", from, "--status", "Completed", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        int purged = JsonDocument.Parse(result.Output).RootElement.GetProperty("purged").GetInt32();
        Assert.True(purged >= 2, result.ToString());
        Assert.Null(await Host.Client.GetInstanceAsync(completedA));
        Assert.Null(await Host.Client.GetInstanceAsync(completedB));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await Host.Client.GetInstanceAsync(failed))!.RuntimeStatus);
    }

    protected async Task<string> StartCompletedHelloAsync(string prefix, string name, string? exactId = null)
    {
        string id = exactId ?? SidecarHost.NewId(prefix);
        await Host.Client.ScheduleNewOrchestrationInstanceAsync(TestOrchestrations.Hello, new { name }, new StartOrchestrationOptions(id));
        OrchestrationMetadata finished = await Host.WaitForCompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        return id;
    }

    protected async Task<string> StartWaitingForApprovalAsync(string prefix)
    {
        string id = SidecarHost.NewId(prefix);
        await Host.Client.ScheduleNewOrchestrationInstanceAsync(TestOrchestrations.NeedsApproval, new StartOrchestrationOptions(id));
        await Host.WaitUntilAsync(id, i => i.SerializedCustomStatus?.Contains("waitingForApproval", StringComparison.Ordinal) == true, "waiting for approval");
        return id;
    }

    private static int CountOccurrences(string text, string value)
    {
        int count = 0;
        for (int index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}

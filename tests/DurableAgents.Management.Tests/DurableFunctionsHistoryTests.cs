using System.Text.Json.Nodes;
using DurableAgents.History;
using DurableAgents.Management.History;

namespace DurableAgents.Management.Tests;

public sealed class DurableFunctionsHistoryTests
{
    private static readonly DateTime T0 = new(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc);

    private static List<HistoryEvent> SampleHistory() =>
    [
        new OrchestratorStartedEvent(-1, T0),
        new ExecutionStartedEvent(-1, T0, "Hello", "i1", "e1", "\"Tokyo\""),
        new TaskScheduledEvent(0, T0, "SayHello", "\"Tokyo\""),
        new OrchestratorCompletedEvent(-1, T0),
        new OrchestratorStartedEvent(-1, T0.AddSeconds(1)),
        new TaskCompletedEvent(-1, T0.AddSeconds(1), 0, "\"Hello Tokyo\""),
        new TimerCreatedEvent(1, T0.AddSeconds(1), T0.AddMinutes(5)),
        new TaskScheduledEvent(2, T0.AddSeconds(1), "StillRunning", "{\"n\":1}"),
        new EventRaisedEvent(-1, T0.AddSeconds(2), "approval:publish", "{\"approved\":true}"),
        new ExecutionCompletedEvent(-1, T0.AddSeconds(3), OrchestrationStatus.Completed, "[\"Hello Tokyo\"]"),
    ];

    [Fact]
    public void Format_WithoutOutput_FoldsScheduledIntoCompletionAndOmitsResults()
    {
        JsonArray entries = DurableFunctionsHistory.Format(SampleHistory(), showHistoryOutput: false, showInput: true);

        string[] types = entries.Select(e => e!["EventType"]!.GetValue<string>()).ToArray();
        Assert.Equal(["ExecutionStarted", "TaskCompleted", "TimerCreated", "TaskScheduled", "EventRaised", "ExecutionCompleted"], types);

        JsonObject started = entries[0]!.AsObject();
        Assert.Equal("Hello", started["FunctionName"]!.GetValue<string>());
        Assert.Equal("Tokyo", started["Input"]!.GetValue<string>());
        Assert.Equal("2024-05-01T12:00:00.0000000Z", started["Timestamp"]!.GetValue<string>());

        JsonObject completed = entries[1]!.AsObject();
        Assert.Equal("SayHello", completed["FunctionName"]!.GetValue<string>());
        Assert.Equal("2024-05-01T12:00:00.0000000Z", completed["ScheduledTime"]!.GetValue<string>());
        Assert.False(completed.ContainsKey("Result"));
        Assert.False(entries[5]!.AsObject().ContainsKey("Result"));
        Assert.Equal("Completed", entries[5]!["OrchestrationStatus"]!.GetValue<string>());

        // A task still running has no completion to fold into, so it stays visible with its name.
        Assert.Equal("StillRunning", entries[3]!["Name"]!.GetValue<string>());
        Assert.Equal(1, entries[3]!["Input"]!["n"]!.GetValue<int>());
        Assert.True(entries[4]!["Input"]!["approved"]!.GetValue<bool>());
    }

    [Fact]
    public void Format_WithOutput_IncludesResultsAsJsonValues()
    {
        JsonArray entries = DurableFunctionsHistory.Format(SampleHistory(), showHistoryOutput: true, showInput: true);

        Assert.Equal("Hello Tokyo", entries[1]!["Result"]!.GetValue<string>());
        Assert.Equal("Hello Tokyo", entries[5]!["Result"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Format_WithoutInput_OmitsInputs()
    {
        JsonArray entries = DurableFunctionsHistory.Format(SampleHistory(), showHistoryOutput: true, showInput: false);

        Assert.All(entries, e => Assert.False(e!.AsObject().ContainsKey("Input")));
    }

    [Fact]
    public void Format_FailedTask_CarriesReasonAndFailureDetails()
    {
        List<HistoryEvent> history =
        [
            new ExecutionStartedEvent(-1, T0, "Flaky", "i2", "e2", null),
            new TaskScheduledEvent(0, T0, "Boom", null),
            new TaskFailedEvent(-1, T0.AddSeconds(1), 0, new FailureDetails("System.InvalidOperationException", "kaput")),
            new ExecutionCompletedEvent(-1, T0.AddSeconds(1), OrchestrationStatus.Failed, null,
                new FailureDetails("DurableAgents.TaskFailedException", "Boom failed")),
        ];

        JsonArray entries = DurableFunctionsHistory.Format(history, showHistoryOutput: false, showInput: true);

        Assert.Equal("TaskFailed", entries[1]!["EventType"]!.GetValue<string>());
        Assert.Equal("Boom", entries[1]!["FunctionName"]!.GetValue<string>());
        Assert.Equal("kaput", entries[1]!["Reason"]!.GetValue<string>());
        Assert.Equal("System.InvalidOperationException", entries[1]!["FailureDetails"]!["ErrorType"]!.GetValue<string>());
        Assert.Equal("Failed", entries[2]!["OrchestrationStatus"]!.GetValue<string>());
        Assert.Equal("Boom failed", entries[2]!["Reason"]!.GetValue<string>());
    }
}

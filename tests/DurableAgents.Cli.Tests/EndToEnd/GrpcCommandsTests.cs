using System.Text.Json;
using DurableAgents.Cli.Tests.Infrastructure;

namespace DurableAgents.Cli.Tests.EndToEnd;

/// <summary>The commands over the sidecar's gRPC endpoint (--sidecar), plus what only the gRPC history shows.</summary>
[Collection(SharedSidecarDefinition.Name)]
public sealed class GrpcCommandsTests(SharedSidecar shared) : CommandsTestsBase(shared)
{
    protected override string[] BackendArgs => ["--sidecar", Host.GrpcAddress];

    [Fact]
    public async Task History_Grpc_ShowsScheduledTasksWithTaskIdsMatchingCompletions()
    {
        string id = await StartCompletedHelloAsync("history-ids", "lu");

        CliResult json = await RunAsync("history", id, "--json");
        CliResult table = await RunAsync("history", id);

        Assert.True(json.ExitCode == 0, json.ToString());
        JsonElement[] rows = JsonDocument.Parse(json.Output).RootElement.EnumerateArray().ToArray();
        JsonElement[] scheduled = rows.Where(r => r.GetProperty("eventType").GetString() == "TaskScheduled").ToArray();
        JsonElement[] completed = rows.Where(r => r.GetProperty("eventType").GetString() == "TaskCompleted").ToArray();
        Assert.Equal(2, scheduled.Length);
        Assert.Equal(
            scheduled.Select(r => r.GetProperty("taskId").GetInt32()),
            completed.Select(r => r.GetProperty("taskId").GetInt32()));
        Assert.All(completed, r => Assert.Equal("Greet", r.GetProperty("name").GetString()));
        // Row numbers are positions in the stored history, so the hidden episode markers leave gaps.
        int[] numbers = rows.Select(r => r.GetProperty("number").GetInt32()).ToArray();
        Assert.Equal(numbers.Order(), numbers);
        Assert.True(numbers[^1] > rows.Length, json.Output);

        foreach (JsonElement row in scheduled)
        {
            string cell = $"Greet #{row.GetProperty("taskId").GetInt32()}";
            Assert.Contains(table.Output.Split('\n'), line => line.Contains("TaskScheduled", StringComparison.Ordinal) && line.Contains(cell, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Raise_OnFinishedInstance_ExitsOne()
    {
        string id = await StartCompletedHelloAsync("raise-done", "mo");

        CliResult result = await RunAsync("raise", id, "go");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("because it is Completed", result.Error, StringComparison.Ordinal);
    }
}

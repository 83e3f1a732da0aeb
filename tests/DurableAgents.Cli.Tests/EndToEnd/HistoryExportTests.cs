using System.Text.Json;
using DurableAgents.Actions;
using DurableAgents.Cli.Tests.Infrastructure;
using DurableAgents.Converters;
using DurableAgents.History;
using DurableAgents.Protocol;
using DurableAgents.Replay;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Cli.Tests.EndToEnd;

/// <summary>
/// <c>history &lt;id&gt; --export</c> against a real sidecar and worker: the file holds the stored history in the
/// golden-file format, and replays as a regression test does.
/// </summary>
[Collection(SharedSidecarDefinition.Name)]
public sealed class HistoryExportTests(SharedSidecar shared) : IDisposable
{
    private readonly SidecarHost _host = shared.Host;
    private readonly TempDirectory _directory = new("cli-export");

    [Fact]
    public async Task Export_CompletedInstance_WritesTheStoredHistoryAsGoldenFileThatReplaysWithNothingNewToDo()
    {
        string id = await RunAsync(TestOrchestrations.Hello, new TestOrchestrations.Person("ada"), "export");
        string file = _directory.File("hello.json");

        CliResult result = await CliRunner.RunAsync("--sidecar", _host.GrpcAddress, "history", id, "--export", file);

        IReadOnlyList<HistoryEvent> stored = await StoredHistoryAsync(id);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"Wrote {stored.Count} history events of '{id}' to {file}.", result.Output.Trim());
        string text = await File.ReadAllTextAsync(file);
        Assert.Equal(HistoryJson.SerializeHistory(stored) + "\n", text);

        // What a regression test does with the file: replay it against the current code.
        IReadOnlyList<HistoryEvent> golden = HistoryJson.DeserializeHistory(text);
        OrchestratorExecutionResult replay = new OrchestrationExecutor(WebJsonDataConverter.Default).Execute(Orchestrator(TestOrchestrations.Hello), golden, []);
        Assert.Empty(replay.Actions);
        Assert.Equal(["Greet", "Greet"], golden.OfType<TaskScheduledEvent>().Select(e => e.Name));
    }

    [Fact]
    public async Task Export_FailedInstance_KeepsTheFailureWithoutStackTraces()
    {
        string id = await RunAsync(TestOrchestrations.Fails, "x", "export-failed");

        CliResult result = await CliRunner.RunAsync("--sidecar", _host.GrpcAddress, "history", id, "--export", "-");

        Assert.True(result.ExitCode == 0, result.ToString());
        IReadOnlyList<HistoryEvent> exported = HistoryJson.DeserializeHistory(result.Output);
        TaskFailedEvent failed = Assert.Single(exported.OfType<TaskFailedEvent>());
        Assert.Equal(TestOrchestrations.FailureMessage, failed.FailureDetails.ErrorMessage);
        Assert.Null(failed.FailureDetails.StackTrace);
        ExecutionCompletedEvent completed = Assert.IsType<ExecutionCompletedEvent>(exported[^1]);
        Assert.Equal(OrchestrationStatus.Failed, completed.Status);
        Assert.Null(completed.FailureDetails!.StackTrace);

        // Apart from the stack traces, the events are the stored ones.
        IReadOnlyList<HistoryEvent> stored = await StoredHistoryAsync(id);
        Assert.NotNull(stored.OfType<TaskFailedEvent>().Single().FailureDetails.StackTrace);
        Assert.Equal(stored.Count, exported.Count);
        Assert.Equal(stored.Select(e => e.GetType()), exported.Select(e => e.GetType()));

        OrchestratorExecutionResult replay = new OrchestrationExecutor(WebJsonDataConverter.Default).Execute(Orchestrator(TestOrchestrations.Fails), exported, []);
        Assert.Empty(replay.Actions);
    }

    [Fact]
    public async Task Export_JsonOutput_ReportsFileAndEventCount()
    {
        string id = await RunAsync(TestOrchestrations.Hello, new TestOrchestrations.Person("bea"), "export-json");
        string file = _directory.File("nested-name.json");

        CliResult result = await CliRunner.RunAsync("--sidecar", _host.GrpcAddress, "--json", "history", id, "--export", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument report = JsonDocument.Parse(result.Output);
        Assert.Equal(id, report.RootElement.GetProperty("instanceId").GetString());
        Assert.Equal(file, report.RootElement.GetProperty("file").GetString());
        Assert.Equal(HistoryJson.DeserializeHistory(await File.ReadAllTextAsync(file)).Count, report.RootElement.GetProperty("events").GetInt32());
    }

    [Fact]
    public async Task Export_OverHttp_IsAUsageErrorPointingToSidecar()
    {
        string id = await RunAsync(TestOrchestrations.Hello, new TestOrchestrations.Person("cy"), "export-http");
        string file = _directory.File("http.json");

        CliResult result = await CliRunner.RunAsync("--http", _host.HttpAddress, "history", id, "--export", file);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Use --sidecar <address> instead of --http", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Export_UnknownInstance_ExitsOneAndWritesNoFile()
    {
        string file = _directory.File("missing.json");

        CliResult result = await CliRunner.RunAsync("--sidecar", _host.GrpcAddress, "history", "no-such-instance", "--export", file);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("no-such-instance", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Export_FolderDoesNotExist_ExitsOneNamingThePath()
    {
        string id = await RunAsync(TestOrchestrations.Hello, new TestOrchestrations.Person("di"), "export-nofolder");
        string file = Path.Combine(_directory.Path, "no-such-folder", "h.json");

        CliResult result = await CliRunner.RunAsync("--sidecar", _host.GrpcAddress, "history", id, "--export", file);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"Could not write the history of '{id}' to {file}", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private async Task<string> RunAsync(string orchestrator, object input, string prefix)
    {
        string id = await _host.Client.ScheduleNewOrchestrationInstanceAsync(
            orchestrator, input, new StartOrchestrationOptions(SidecarHost.NewId(prefix)), Deadline.Token());
        OrchestrationMetadata done = await _host.WaitForCompletionAsync(id);
        Assert.True(done.IsCompleted, $"{id} ended {done.RuntimeStatus}");
        return id;
    }

    // The stored history as the sidecar serves it, through the same reader the CLI uses.
    private async Task<IReadOnlyList<HistoryEvent>> StoredHistoryAsync(string instanceId)
    {
        using SidecarConnection connection = SidecarConnection.Open(_host.GrpcAddress);
        return await new SidecarHistoryReader(connection).GetHistoryAsync(instanceId, Deadline.Token());
    }

    private static ITaskOrchestrator Orchestrator(string name)
    {
        var registry = new DurableTaskRegistry();
        TestOrchestrations.Register(registry);
        return registry.GetOrchestrators().Single(o => o.Key.Name == name).Value(EmptyServices.Instance);
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}

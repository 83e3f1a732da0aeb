using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Integration.Tests.Crash;

/// <summary>
/// The work the crash tests run: <see cref="InstanceCount"/> instances of the benchmark tool's LedgerSequence
/// orchestrator, each <see cref="Steps"/> activities in sequence with a durable timer halfway, every activity recording
/// its idempotency key in a ledger file of the worker process that ran it. Progress is read from the ledgers.
/// </summary>
internal sealed class CrashWorkload
{
    public const string Orchestrator = "LedgerSequence";
    public const int InstanceCount = 200;
    public const int Steps = 4;
    public const int TimerMilliseconds = 1_000;

    private readonly string _ledgerDirectory;
    private int _workers;

    public CrashWorkload(string ledgerDirectory, string prefix)
    {
        _ledgerDirectory = ledgerDirectory;
        Directory.CreateDirectory(ledgerDirectory);
        InstanceIds = [.. Enumerable.Range(0, InstanceCount).Select(i => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i:D3}"))];
    }

    /// <summary>Every activity the workload runs: instances x steps.</summary>
    public static int TotalActivities => InstanceCount * Steps;

    public IReadOnlyList<string> InstanceIds { get; }

    /// <summary>The input an instance is started with.</summary>
    public static CrashSequenceInput InputOf(string instanceId) => new(instanceId, Steps, TimerMilliseconds);

    /// <summary>The output an instance must complete with: "{name}:1|{name}:2|...".</summary>
    public static string ExpectedOutput(string instanceId) =>
        string.Join('|', Enumerable.Range(1, Steps).Select(step => string.Create(CultureInfo.InvariantCulture, $"{instanceId}:{step}")));

    /// <summary>Starts a worker process (the benchmark tool's <c>worker</c> sub-command) with a ledger file of its own.</summary>
    public async Task<ChildProcess> StartWorkerAsync(Uri sidecar)
    {
        int number = Interlocked.Increment(ref _workers);
        string ledger = Path.Combine(_ledgerDirectory, string.Create(CultureInfo.InvariantCulture, $"worker-{number}.ledger"));
        ChildProcess worker = ChildProcess.Start(
            $"worker #{number}", await CrashPrograms.BenchmarksPathAsync(), ["worker", "--address", sidecar.ToString(), "--ledger", ledger]);
        await worker.WaitForLineAsync("READY", CrashDeadline.Duration);
        return worker;
    }

    /// <summary>Starts every instance (all at once).</summary>
    public Task StartAllAsync(DurableTaskClient client) =>
        Task.WhenAll(InstanceIds.Select(id =>
            client.ScheduleNewOrchestrationInstanceAsync(Orchestrator, InputOf(id), new StartOrchestrationOptions(id))));

    /// <summary>Every complete ledger line of every worker so far (one per activity execution, repeats included).</summary>
    public List<string> ReadLedger()
    {
        var keys = new List<string>();
        foreach (string path in Directory.GetFiles(_ledgerDirectory, "*.ledger"))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            string text = reader.ReadToEnd();

            // A killed worker may leave its last line incomplete: only lines that end in a newline count.
            int end = text.LastIndexOf('\n');
            if (end > 0)
            {
                keys.AddRange(text[..end].Split('\n'));
            }
        }

        return keys;
    }

    /// <summary>Distinct activities whose side effect has happened so far.</summary>
    public int DistinctActivitiesDone() => ReadLedger().Distinct(StringComparer.Ordinal).Count();

    /// <summary>Waits until at least <paramref name="activities"/> distinct activities are in the ledgers; returns the count seen.</summary>
    public async Task<int> WaitForProgressAsync(int activities, params ChildProcess[] mustStayUp)
    {
        int seen = 0;
        await CrashDeadline.UntilAsync(() =>
        {
            foreach (ChildProcess process in mustStayUp)
            {
                process.ThrowIfExited();
            }

            seen = DistinctActivitiesDone();
            return Task.FromResult(seen >= activities);
        }, $"{activities} of {TotalActivities} activities to have run (ledger)");
        return seen;
    }
}

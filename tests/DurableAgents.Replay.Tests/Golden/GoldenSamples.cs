using System.Runtime.CompilerServices;
using DurableAgents.Testing;
using Microsoft.DurableTask;

namespace DurableAgents.Replay.Tests.Golden;

/// <summary>
/// The sample orchestrations whose recorded histories are committed under Golden/. Each scenario runs on the test
/// host with fixed instance ids and virtual time, so a rerun records the same histories byte for byte.
/// </summary>
internal static class GoldenSamples
{
    /// <summary>Set to 1 to rewrite the committed golden files from a fresh run.</summary>
    public const string RegenerateVariable = "DURABLEAGENTS_REGENERATE_GOLDEN";

    public sealed record Approval(bool Approved, string By);

    /// <summary>A scenario: what to run, how to drive it, and which instances' histories to record (file name, instance id).</summary>
    public sealed record Scenario(string Name, Func<DurableTaskTestHost, Task> Drive, params (string File, string InstanceId)[] Recorded);

    public static IReadOnlyList<Scenario> Scenarios { get; } =
    [
        new("hello-sequence", host => RunAsync(host, "HelloSequence", null, "hello"), ("hello-sequence", "hello")),
        new("fan-out", host => RunAsync(host, "FanOutFanIn", 5, "fan"), ("fan-out", "fan")),
        new("retry-backoff", host => RunAsync(host, "RetryWithBackoff", null, "retry"), ("retry-backoff", "retry")),
        new("approval-granted", async host =>
        {
            string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("ApprovalWorkflow", "order-1", new StartOrchestrationOptions("approval-granted"));
            await host.Client.RaiseEventAsync(id, "approval", new Approval(true, "ana"));
            await host.Client.WaitForInstanceCompletionAsync(id);
        }, ("approval-granted", "approval-granted")),
        new("approval-timeout", host => RunAsync(host, "ApprovalWorkflow", "order-2", "approval-timeout"), ("approval-timeout", "approval-timeout")),
        // The children get the official worker's default ids: the parent's NewGuid ("N") at each call.
        new("sub-orchestrations", host => RunAsync(host, "OrderParent", new[] { "apple", "pear", "" }, "order"),
            ("sub-orchestrations.parent", "order"),
            ("sub-orchestrations.child1", "f68e4dd942eb5402a0a415440ae838d1"),
            ("sub-orchestrations.child3", "8205808ef481519886de235a189fc91f")),
        new("continue-as-new", host => RunAsync(host, "Countdown", 2, "countdown"), ("continue-as-new", "countdown")),
        new("timer-race", host => RunAsync(host, "TimerRace", null, "race"), ("timer-race", "race")),
        new("terminated", async host =>
        {
            string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("ApprovalWorkflow", "order-3", new StartOrchestrationOptions("terminated"));
            await host.AdvanceTimeAsync(TimeSpan.FromHours(1));
            await host.Client.TerminateInstanceAsync(id, new Microsoft.DurableTask.Client.TerminateInstanceOptions("cancelled by operator", Recursive: true));
        }, ("terminated", "terminated")),
        new("suspend-resume", async host =>
        {
            string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("ApprovalWorkflow", "order-4", new StartOrchestrationOptions("suspended"));
            await host.Client.SuspendInstanceAsync(id, "audit");
            await host.Client.RaiseEventAsync(id, "approval", new Approval(false, "bo"));
            await host.AdvanceTimeAsync(TimeSpan.FromMinutes(10));
            await host.Client.ResumeInstanceAsync(id, "audit done");
            await host.Client.WaitForInstanceCompletionAsync(id);
        }, ("suspend-resume", "suspended")),
        new("send-event", async host =>
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync("Ponger", null, new StartOrchestrationOptions("ponger"));
            await RunAsync(host, "Pinger", "ponger", "pinger");
            await host.Client.WaitForInstanceCompletionAsync("ponger");
        }, ("send-event.pinger", "pinger"), ("send-event.ponger", "ponger")),
    ];

    /// <summary>Where the committed golden files live in the source tree.</summary>
    public static string SourceDirectory([CallerFilePath] string callerFile = "") => Path.GetDirectoryName(callerFile)!;

    /// <summary>Where the golden files are copied next to the test assembly.</summary>
    public static string OutputDirectory => Path.Combine(AppContext.BaseDirectory, "Golden");

    public static DurableTaskTestHost StartHost() => DurableTaskTestHost.Start(Register);

    /// <summary>Registers every sample; activities keep per-registry state only, so each host run starts fresh.</summary>
    public static void Register(DurableTaskRegistry tasks)
    {
        int flakyAttempts = 0;
        tasks
            .AddOrchestratorFunc("HelloSequence", async context =>
            {
                var greetings = new List<string>
                {
                    await context.CallActivityAsync<string>("SayHello", "Tokyo"),
                    await context.CallActivityAsync<string>("SayHello", "Seattle"),
                    await context.CallActivityAsync<string>("SayHello", "London"),
                };
                return greetings;
            })
            .AddOrchestratorFunc<int, int>("FanOutFanIn", async (context, count) =>
            {
                int[] squares = await Task.WhenAll(Enumerable.Range(1, count).Select(i => context.CallActivityAsync<int>("Square", i)));
                return squares.Sum();
            })
            .AddOrchestratorFunc("RetryWithBackoff", async context =>
                await context.CallActivityAsync<string>(
                    "FlakyStep", null, TaskOptions.FromRetryPolicy(new RetryPolicy(4, TimeSpan.FromSeconds(30), backoffCoefficient: 2))))
            .AddOrchestratorFunc<string, string>("ApprovalWorkflow", async (context, orderId) =>
            {
                context.SetCustomStatus(new { orderId, stage = "awaiting approval" });
                Guid reference = context.NewGuid();
                try
                {
                    Approval approval = await context.WaitForExternalEvent<Approval>("approval", TimeSpan.FromDays(2));
                    string activity = approval.Approved ? "Ship" : "Cancel";
                    return await context.CallActivityAsync<string>(activity, $"{orderId}/{reference}/{approval.By}");
                }
                catch (TaskCanceledException)
                {
                    context.SetCustomStatus(new { orderId, stage = "expired" });
                    return await context.CallActivityAsync<string>("Cancel", $"{orderId}/{reference}/timeout");
                }
            })
            .AddOrchestratorFunc<string[], string>("OrderParent", async (context, items) =>
            {
                var lines = new List<string>();
                foreach (string item in items)
                {
                    try
                    {
                        lines.Add(await context.CallSubOrchestratorAsync<string>("OrderLine", item));
                    }
                    catch (TaskFailedException ex)
                    {
                        lines.Add($"failed: {ex.FailureDetails.ErrorMessage}");
                    }
                }

                return string.Join("; ", lines);
            })
            .AddOrchestratorFunc<string, string>("OrderLine", async (context, item) =>
            {
                if (string.IsNullOrEmpty(item))
                {
                    throw new ArgumentException("An order line needs an item.");
                }

                await context.CreateTimer(TimeSpan.FromMinutes(5), CancellationToken.None);
                return await context.CallActivityAsync<string>("Reserve", item);
            })
            .AddOrchestratorFunc<int, int>("Countdown", async (context, n) =>
            {
                if (n == 0)
                {
                    return await context.CallActivityAsync<int>("Square", 7);
                }

                await context.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
                context.ContinueAsNew(n - 1);
                return n;
            })
            .AddOrchestratorFunc("TimerRace", async context =>
            {
                using var cts = new CancellationTokenSource();
                Task deadline = context.CreateTimer(TimeSpan.FromMinutes(1), cts.Token);
                Task<string> work = context.CallActivityAsync<string>("SayHello", "race");
                if (await Task.WhenAny(work, deadline) == work)
                {
                    cts.Cancel();
                    return await work;
                }

                return "too slow";
            })
            .AddOrchestratorFunc<string, string>("Pinger", async (context, target) =>
            {
                context.SendEvent(target, "ping", new { from = context.InstanceId });
                return await context.CallActivityAsync<string>("SayHello", "pinger");
            })
            .AddOrchestratorFunc("Ponger", async context => await context.WaitForExternalEvent<Dictionary<string, string>>("ping"))
            .AddActivityFunc<string, string>("SayHello", (_, name) => $"Hello, {name}!")
            .AddActivityFunc<int, int>("Square", (_, n) => n * n)
            .AddActivityFunc<object?, string>("FlakyStep", (_, _) =>
                ++flakyAttempts < 3 ? throw new TimeoutException($"attempt {flakyAttempts} timed out") : $"succeeded on attempt {flakyAttempts}")
            .AddActivityFunc<string, string>("Ship", (_, order) => $"shipped {order}")
            .AddActivityFunc<string, string>("Cancel", (_, order) => $"cancelled {order}")
            .AddActivityFunc<string, string>("Reserve", (_, item) => $"reserved {item}");
    }

    /// <summary>Runs one scenario on a fresh host and returns each recorded file's history JSON.</summary>
    public static async Task<Dictionary<string, string>> RecordAsync(Scenario scenario)
    {
        await using DurableTaskTestHost host = StartHost();
        await scenario.Drive(host).WaitAsync(TimeSpan.FromSeconds(60));
        var files = new Dictionary<string, string>();
        foreach ((string file, string instanceId) in scenario.Recorded)
        {
            IList<HistoryEvent> history = await host.GetHistoryAsync(instanceId);
            files[file] = HistoryJson.SerializeHistory(StackTraceScrubber.Scrub(history)).ReplaceLineEndings("\n") + "\n";
        }

        return files;
    }

    private static async Task RunAsync(DurableTaskTestHost host, string orchestrator, object? input, string instanceId)
    {
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId));
        await host.Client.WaitForInstanceCompletionAsync(id);
    }
}

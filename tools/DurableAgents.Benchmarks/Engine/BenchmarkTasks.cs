using DurableAgents.Activities;
using System.Globalization;
using Microsoft.DurableTask;

namespace DurableAgents.Benchmarks.Engine;

/// <summary>
/// The orchestrators and activities of the engine workloads (README.md) and of the crash tests, registered by the
/// <c>worker</c> sub-command so a worker process can run any of them.
/// </summary>
public static class BenchmarkTasks
{
    /// <summary>hello5: five <see cref="SayHello"/> calls in sequence.</summary>
    public const string Hello5 = "Hello5";

    /// <summary>The hello5 activity: "Hello, {name}!".</summary>
    public const string SayHello = "SayHello";

    /// <summary>fanout: N <see cref="Number"/> calls at once, results summed.</summary>
    public const string Fanout = "Fanout";

    /// <summary>The fanout activity: returns its input.</summary>
    public const string Number = "Number";

    /// <summary>approval: waits for the <see cref="ApprovalEvent"/> event and returns "approved by {payload}".</summary>
    public const string Approval = "Approval";

    /// <summary>The event an <see cref="Approval"/> instance waits for.</summary>
    public const string ApprovalEvent = "approval";

    /// <summary>The custom status of an <see cref="Approval"/> instance once it waits for its event.</summary>
    public const string ApprovalWaitingStatus = "waiting";

    /// <summary>Crash tests: <see cref="LedgerStep"/> activities in sequence with a durable timer in the middle.</summary>
    public const string LedgerSequence = "LedgerSequence";

    /// <summary>The crash-test activity: records its idempotency key in the ledger, returns "{name}:{step}".</summary>
    public const string LedgerStep = "LedgerStep";

    /// <summary>The five cities hello5 greets, in order (the Durable Task samples' sequence).</summary>
    public static readonly IReadOnlyList<string> Hello5Cities = ["Tokyo", "Seattle", "London", "Paris", "Cairo"];

    /// <summary>The output a <see cref="Hello5"/> instance must have.</summary>
    public static string Hello5Output() => string.Join(' ', Hello5Cities.Select(c => $"Hello, {c}!"));

    /// <summary>The output a <see cref="LedgerSequence"/> instance started with <paramref name="input"/> must have.</summary>
    public static string LedgerSequenceOutput(LedgerSequenceInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return string.Join('|', Enumerable.Range(1, input.Steps).Select(step => LedgerStepResult(input.Name, step)));
    }

    /// <summary>Registers every benchmark task; <paramref name="ledger"/> records the side effects of <see cref="LedgerStep"/>.</summary>
    public static void Register(DurableTaskRegistry registry, SideEffectLedger? ledger)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .AddActivityFunc<string, string>(SayHello, (_, name) => $"Hello, {name}!")
            .AddOrchestratorFunc<string?, string>(Hello5, async (context, _) =>
            {
                var greetings = new string[Hello5Cities.Count];
                for (int i = 0; i < greetings.Length; i++)
                {
                    greetings[i] = await context.CallActivityAsync<string>(SayHello, Hello5Cities[i]);
                }

                return string.Join(' ', greetings);
            })
            .AddActivityFunc<int, int>(Number, (_, value) => value)
            .AddOrchestratorFunc<int, long>(Fanout, async (context, count) =>
            {
                var calls = new Task<int>[count];
                for (int i = 0; i < count; i++)
                {
                    calls[i] = context.CallActivityAsync<int>(Number, i);
                }

                int[] values = await Task.WhenAll(calls);
                return values.Sum(v => (long)v);
            })
            .AddOrchestratorFunc<string?, string>(Approval, async (context, _) =>
            {
                context.SetCustomStatus(ApprovalWaitingStatus);
                string approver = await context.WaitForExternalEvent<string>(ApprovalEvent);
                return $"approved by {approver}";
            })
            .AddActivityFunc<LedgerStepInput, string>(LedgerStep, (context, input) =>
            {
                // The side effect happens before the result is reported, so a crash in between repeats it (at least once).
                ledger?.Record(context.GetIdempotencyKey());
                return LedgerStepResult(input.Name, input.Step);
            })
            .AddOrchestratorFunc<LedgerSequenceInput, string>(LedgerSequence, async (context, input) =>
            {
                var results = new List<string>(input.Steps);
                for (int step = 1; step <= input.Steps; step++)
                {
                    if (step == input.Steps / 2 + 1 && input.TimerMilliseconds > 0)
                    {
                        await context.CreateTimer(TimeSpan.FromMilliseconds(input.TimerMilliseconds), CancellationToken.None);
                    }

                    results.Add(await context.CallActivityAsync<string>(LedgerStep, new LedgerStepInput(input.Name, step)));
                }

                return string.Join('|', results);
            });
    }

    private static string LedgerStepResult(string name, int step) => string.Create(CultureInfo.InvariantCulture, $"{name}:{step}");
}

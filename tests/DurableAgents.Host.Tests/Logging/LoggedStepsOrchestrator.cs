using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Host.Tests.Logging;

/// <summary>
/// An orchestrator that logs through the SDK's replay-safe logger at each point between episodes: after its start, an
/// activity, a durable timer, an external event and a fan-out of two activities. Each line must appear once per run.
/// </summary>
[DurableTask(Name)]
internal sealed class LoggedStepsOrchestrator : TaskOrchestrator<string, string>
{
    public const string Name = "LoggedSteps";

    public const string EventName = "go";

    /// <summary>What the orchestrator logs, in order, for one run with <paramref name="subject"/> and event payload <paramref name="payload"/>.</summary>
    public static IReadOnlyList<string> ExpectedLines(string subject, string payload) =>
    [
        $"started \"{subject}\"",
        $"activity answered \"echo {subject}\"",
        "timer fired",
        $"event \"{payload}\" arrived",
        "fan-out answered \"echo left\" and \"echo right\"",
    ];

    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        ILogger logger = context.CreateReplaySafeLogger<LoggedStepsOrchestrator>();
        Log(logger, $"started \"{input}\"");

        string first = await context.CallActivityAsync<string>(LoggedEchoActivity.Name, input);
        Log(logger, $"activity answered \"{first}\"");

        await context.CreateTimer(context.CurrentUtcDateTime.AddMilliseconds(200), CancellationToken.None);
        Log(logger, "timer fired");

        string payload = await context.WaitForExternalEvent<string>(EventName);
        Log(logger, $"event \"{payload}\" arrived");

        string[] both = await Task.WhenAll(
            context.CallActivityAsync<string>(LoggedEchoActivity.Name, "left"),
            context.CallActivityAsync<string>(LoggedEchoActivity.Name, "right"));
        Log(logger, $"fan-out answered \"{both[0]}\" and \"{both[1]}\"");
        return string.Join(", ", both);
    }

#pragma warning disable CA2254 // A test orchestrator: the line's text is what the test compares.
    private static void Log(ILogger logger, string line) => logger.LogInformation(line);
#pragma warning restore CA2254
}

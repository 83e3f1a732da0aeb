using System.Globalization;
using Microsoft.DurableTask;

namespace DurableAgents.Integration.Tests.ScaleOut;

/// <summary>
/// The orchestrators of the scale-out test, run by both workers: five activities in sequence, two activities around a
/// durable timer, and a wait for an external event followed by one activity. Every greeting names the instance, so an
/// output that mixed two instances up would not match.
/// </summary>
internal static class ScaleOutTasks
{
    public const string Hello5 = "ScaleOutHello5";
    public const string TimerThenHello = "ScaleOutTimer";
    public const string EventThenHello = "ScaleOutEvent";
    public const string SayHello = "ScaleOutSayHello";
    public const string EventName = "go";

    /// <summary>The custom status an <see cref="EventThenHello"/> instance sets once it waits for its event.</summary>
    public const string WaitingStatus = "waiting";

    public static readonly TimeSpan TimerDelay = TimeSpan.FromSeconds(1);

    public static string Greeting(string name) => $"Hello, {name}!";

    public static string Step(string instanceId, int step) => string.Create(CultureInfo.InvariantCulture, $"{instanceId}:{step}");

    /// <summary>Registers the tasks; <paramref name="activityRan"/> is called by every activity execution (the test's progress gauge).</summary>
    public static void Register(DurableTaskRegistry registry, Action activityRan)
    {
        registry
            .AddActivityFunc<string, string>(SayHello, (_, name) =>
            {
                activityRan();
                return Greeting(name);
            })
            .AddOrchestratorFunc<string, string>(Hello5, async (context, id) =>
            {
                var greetings = new List<string>(5);
                for (int step = 1; step <= 5; step++)
                {
                    greetings.Add(await context.CallActivityAsync<string>(SayHello, Step(id, step)));
                }

                return string.Join(' ', greetings);
            })
            .AddOrchestratorFunc<string, string>(TimerThenHello, async (context, id) =>
            {
                string before = await context.CallActivityAsync<string>(SayHello, Step(id, 1));
                await context.CreateTimer(TimerDelay, CancellationToken.None);
                string after = await context.CallActivityAsync<string>(SayHello, Step(id, 2));
                return $"{before} {after}";
            })
            .AddOrchestratorFunc<string, string>(EventThenHello, async (context, _) =>
            {
                context.SetCustomStatus(WaitingStatus);
                string payload = await context.WaitForExternalEvent<string>(EventName);
                context.SetCustomStatus(null);
                return await context.CallActivityAsync<string>(SayHello, payload);
            });
    }
}

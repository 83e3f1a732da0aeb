using System.Collections.Concurrent;

namespace DurableAgents.Conformance.Tests.Scenarios;

/// <summary>
/// Process-wide state some activities and orchestrators need to behave differently per attempt or to wait for the test.
/// Keyed by instance id (or a scenario key), so scenarios and executors never share an entry.
/// </summary>
internal static class ScenarioState
{
    private static readonly ConcurrentDictionary<string, int> Attempts = new();
    private static readonly ConcurrentDictionary<string, bool> Executed = new();
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Gates = new();

    /// <summary>Counts one more attempt for <paramref name="key"/> and returns the count (1 on the first call).</summary>
    public static int NextAttempt(string key) => Attempts.AddOrUpdate(key, 1, (_, n) => n + 1);

    /// <summary>True the first time it is called for <paramref name="key"/>, false ever after (survives replays).</summary>
    public static bool FirstExecution(string key) => Executed.TryAdd(key, true);

    /// <summary>Completes when the test calls <see cref="OpenGate"/> for <paramref name="key"/>.</summary>
    public static Task WaitAtGate(string key) => Gates.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Lets activities waiting at <paramref name="key"/> continue.</summary>
    public static void OpenGate(string key) => Gates.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}

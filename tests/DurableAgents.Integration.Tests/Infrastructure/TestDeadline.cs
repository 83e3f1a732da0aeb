namespace DurableAgents.Integration.Tests.Infrastructure;

/// <summary>Generous deadlines for waiting on conditions: a busy 2-core machine may be slow, but a test never sleeps to synchronise.</summary>
internal static class TestDeadline
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>A token that cancels after <see cref="Duration"/>; pass it to waits so a hang fails the test instead of the run.</summary>
    public static CancellationToken Token() => new CancellationTokenSource(Duration).Token;

    /// <summary>Waits until <paramref name="condition"/> holds, checking again after each short pause; fails after <see cref="Duration"/>.</summary>
    public static Task UntilAsync(Func<bool> condition, string what) =>
        UntilAsync(() => Task.FromResult(condition()), what, Duration);

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, checking again after each pause (<paramref name="pollInterval"/>, a
    /// short one by default; a condition that reads a store may ask for a longer one); fails after <paramref name="within"/>.
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan within, TimeSpan? pollInterval = null)
    {
        using var timeout = new CancellationTokenSource(within);
        while (!await condition())
        {
            try
            {
                await Task.Delay(pollInterval ?? PollInterval, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited {within.TotalSeconds} s for {what}; it never happened.");
            }
        }
    }
}

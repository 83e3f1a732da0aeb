namespace DurableAgents.Conformance.Tests.Infrastructure;

/// <summary>Generous deadlines for waiting on conditions: a busy 2-core machine may be slow, but a test never sleeps to synchronise.</summary>
internal static class TestDeadline
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>A token that cancels after <see cref="Duration"/>; pass it to waits so a hang fails the test instead of the run.</summary>
    public static CancellationToken Token() => new CancellationTokenSource(Duration).Token;

    /// <summary>Waits until <paramref name="condition"/> holds, checking again after each short pause; fails after <see cref="Duration"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Duration);
        while (!await condition())
        {
            try
            {
                await Task.Delay(PollInterval, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited {Duration.TotalSeconds} s for {what}; it never happened.");
            }
        }
    }
}

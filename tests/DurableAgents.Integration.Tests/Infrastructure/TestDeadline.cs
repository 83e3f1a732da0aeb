namespace DurableAgents.Integration.Tests.Infrastructure;

/// <summary>Generous deadlines for waiting on conditions: a busy 2-core machine may be slow, but a test never sleeps to synchronise.</summary>
internal static class TestDeadline
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);

    /// <summary>A token that cancels after <see cref="Duration"/>; pass it to waits so a hang fails the test instead of the run.</summary>
    public static CancellationToken Token() => new CancellationTokenSource(Duration).Token;

    /// <summary>Waits until <paramref name="condition"/> holds, checking again after each short pause; fails after the deadline.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Duration);
        while (!condition())
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited {Duration.TotalSeconds} s for {what}; it never happened.");
            }
        }
    }
}

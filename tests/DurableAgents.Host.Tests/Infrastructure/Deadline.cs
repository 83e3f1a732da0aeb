namespace DurableAgents.Host.Tests.Infrastructure;

/// <summary>
/// Generous deadlines for waiting on conditions: a busy 2-core machine may be slow, so waits are long, but a test never
/// sleeps to synchronise; it waits for the condition itself and fails only when the deadline passes.
/// </summary>
internal static class Deadline
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>A token that cancels after <see cref="Duration"/>; pass it to waits so a hang fails the test instead of the run.</summary>
    public static CancellationToken Token() => new CancellationTokenSource(Duration).Token;

    /// <summary>
    /// Asks <paramref name="probe"/> again (after a short pause) until it returns a value; fails after the deadline.
    /// Used only where no pushed notification exists (an HTTP listing).
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        using var timeout = new CancellationTokenSource(Duration);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

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

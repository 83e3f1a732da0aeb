namespace DurableAgents.Dashboard.Tests.Infrastructure;

/// <summary>Generous deadlines for waits on a busy 2-core machine: a test waits for a condition, never for a fixed time.</summary>
internal static class Deadline
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(90);

    /// <summary>A source that cancels after <see cref="Duration"/>; the caller disposes it (its timer is released then).</summary>
    public static CancellationTokenSource Source() => new(Duration);

    /// <summary>Asks <paramref name="probe"/> again after a short pause until it returns a value; fails after the deadline.</summary>
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
                await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited {Duration.TotalSeconds} s for {what}; it never happened.");
            }
        }
    }
}

namespace DurableAgents.Integration.Tests.Crash;

/// <summary>Deadlines for the crash tests: minutes, since a restart on a busy 2-core machine may take a while.</summary>
internal static class CrashDeadline
{
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(2);

    /// <summary>Checks <paramref name="condition"/> until it holds, with a short pause between checks; fails after <see cref="Duration"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Duration);
        while (!await condition())
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(25), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited {Duration.TotalMinutes} minutes for {what}; it never happened.");
            }
        }
    }
}

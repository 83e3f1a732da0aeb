namespace DurableAgents.Cli.Tests.Infrastructure;

/// <summary>Generous deadlines for conditions on a busy machine; tests wait on conditions, never on fixed sleeps.</summary>
internal static class Deadline
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);

    public static CancellationToken Token() => new CancellationTokenSource(Duration).Token;

    /// <summary>Checks <paramref name="condition"/> again after each short pause until it holds; fails after the deadline.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Duration);
        while (!await condition())
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

using System.Threading.Channels;
using DurableAgents.Integration.Tests.Infrastructure;

namespace DurableAgents.Integration.Tests.Worker;

/// <summary>Waits on conditions with a generous deadline, so tests never sleep to synchronise.</summary>
internal static class TestWait
{
    public static TimeSpan Deadline => TestDeadline.Duration;

    /// <summary>Reads the next item, failing the test if none arrives before the deadline.</summary>
    public static async Task<T> NextAsync<T>(this Channel<T> channel, string what)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        try
        {
            return await channel.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"Waited {Deadline.TotalSeconds} s for {what}; it never came.");
        }
    }

    /// <summary>Waits for a task, failing the test if it does not finish before the deadline.</summary>
    public static async Task<T> WithinDeadline<T>(this Task<T> task, string what)
    {
        try
        {
            return await task.WaitAsync(Deadline);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Waited {Deadline.TotalSeconds} s for {what}; it never happened.");
        }
    }

    /// <summary>Waits for a task, failing the test if it does not finish before the deadline.</summary>
    public static async Task WithinDeadline(this Task task, string what)
    {
        try
        {
            await task.WaitAsync(Deadline);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Waited {Deadline.TotalSeconds} s for {what}; it never happened.");
        }
    }
}

using DurableAgents.TaskHub;
using Microsoft.Extensions.Time.Testing;

namespace DurableAgents.Testing.Internal;

/// <summary>
/// Moves the host's virtual clock: only when the engine has nothing left to do at the current time (quiescent), and
/// then straight to the next due timer, deferred start or retry delay. Nothing here sleeps: a seven-day timer fires as
/// soon as the engine is idle and someone waits for time to pass.
/// </summary>
internal sealed class VirtualTimeDriver(FakeTimeProvider clock, TaskHubEngine engine, ActivityScope activities)
{
    private readonly object _clockLock = new();

    /// <summary>The virtual time (UTC).</summary>
    public DateTime CurrentTime => clock.GetUtcNow().UtcDateTime;

    /// <summary>Returns once the engine has nothing left to do at the current virtual time; at once inside an activity.</summary>
    public async Task WhenIdleAsync(CancellationToken cancellation)
    {
        if (!activities.IsActive)
        {
            await engine.WhenQuiescentAsync(-1, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Moves the clock forward by <paramref name="by"/>, stopping at each due time on the way until the engine has finished
    /// what fell due there, and returns once the engine is idle at the target time.
    /// </summary>
    public async Task AdvanceAsync(TimeSpan by, CancellationToken cancellation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        DateTime target = CurrentTime + by;
        while (true)
        {
            EngineQuiescence quiet = await engine.WhenQuiescentAsync(-1, cancellation).ConfigureAwait(false);
            if (quiet.NextDueAt is not { } due || due > target)
            {
                break;
            }

            MoveClockTo(due);
        }

        MoveClockTo(target);
        await WhenIdleAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="wait"/> and, until it completes, moves the clock to the next due time whenever the engine is
    /// idle. With nothing due, only a caller (an event, a termination) can end the wait, so the clock stays put and the
    /// wait goes on until then or until <paramref name="cancellation"/> fires. Inside an activity the clock is not driven.
    /// </summary>
    public async Task<T> WaitAdvancingAsync<T>(Func<CancellationToken, Task<T>> wait, CancellationToken cancellation)
    {
        if (activities.IsActive)
        {
            return await wait(cancellation).ConfigureAwait(false);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        Task<T> waiting = wait(stop.Token);
        try
        {
            long seen = -1;
            while (!waiting.IsCompleted)
            {
                Task<EngineQuiescence> quiet = engine.WhenQuiescentAsync(seen, stop.Token);
                await Task.WhenAny(waiting, quiet).ConfigureAwait(false);
                if (waiting.IsCompleted)
                {
                    break;
                }

                EngineQuiescence state = await quiet.ConfigureAwait(false);
                if (state.NextDueAt is { } due)
                {
                    MoveClockTo(due);
                    seen = -1;
                }
                else
                {
                    seen = state.Progress;
                }
            }

            return await waiting.ConfigureAwait(false);
        }
        finally
        {
            // The quiescence wait still pending, if any, ends with the linked token.
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Sets the clock to <paramref name="time"/> unless it is already there or beyond; due timers fire on this thread.</summary>
    private void MoveClockTo(DateTime time)
    {
        lock (_clockLock)
        {
            if (time > CurrentTime)
            {
                clock.SetUtcNow(new DateTimeOffset(time, TimeSpan.Zero));
            }
        }
    }
}

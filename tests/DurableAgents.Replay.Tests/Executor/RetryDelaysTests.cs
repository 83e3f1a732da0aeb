using DurableAgents.Replay.Internal;
using Microsoft.DurableTask;

namespace DurableAgents.Replay.Tests.Executor;

public class RetryDelaysTests
{
    private static readonly FailureDetails Transient = new("System.TimeoutException", "slow");

    [Fact]
    public void Next_ExponentialBackoff_GrowsByCoefficientUpToMaxInterval()
    {
        var policy = new RetryPolicy(6, TimeSpan.FromSeconds(1), backoffCoefficient: 3, maxRetryInterval: TimeSpan.FromSeconds(20));

        TimeSpan?[] delays = [.. Enumerable.Range(2, 5).Select(attempt => NextDelay(policy, attempt, TimeSpan.Zero, Transient))];

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(20)], delays);
    }

    [Fact]
    public void Next_BeyondMaxAttempts_ReturnsNull()
    {
        var policy = new RetryPolicy(3, TimeSpan.FromSeconds(1));

        Assert.NotNull(NextDelay(policy, 3, TimeSpan.Zero, Transient));
        Assert.Null(NextDelay(policy, 4, TimeSpan.Zero, Transient));
    }

    [Fact]
    public void Next_RetryTimeoutWouldBeExceeded_ReturnsNull()
    {
        var policy = new RetryPolicy(10, TimeSpan.FromSeconds(10), retryTimeout: TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(10), NextDelay(policy, 2, TimeSpan.FromSeconds(20), Transient));
        Assert.Null(NextDelay(policy, 2, TimeSpan.FromSeconds(21), Transient));
    }

    [Fact]
    public void Next_NonRetriableFailure_ReturnsNull()
    {
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1));

        Assert.Null(NextDelay(policy, 2, TimeSpan.Zero, Transient with { IsNonRetriable = true }));
    }

    [Fact]
    public void Next_HandleFailureDeclines_ReturnsNull()
    {
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1)) { HandleFailure = f => f.ErrorType != "System.ArgumentException" };

        Assert.NotNull(NextDelay(policy, 2, TimeSpan.Zero, Transient));
        Assert.Null(NextDelay(policy, 2, TimeSpan.Zero, new FailureDetails("System.ArgumentException", "bad")));
    }

    [Fact]
    public void Next_HandleFailure_SeesTheWholeFailure()
    {
        TaskFailureDetails? seen = null;
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1)) { HandleFailure = f => (seen = f) is not null };

        NextDelay(policy, 2, TimeSpan.Zero, new FailureDetails("System.IO.IOException", "disk", "   at X()", new FailureDetails("Inner", "cause")));

        Assert.Equal(("System.IO.IOException", "disk"), (seen!.ErrorType, seen.ErrorMessage));
        Assert.Equal("Inner", seen.InnerFailure!.ErrorType);
    }

    private static TimeSpan? NextDelay(RetryPolicy policy, int nextAttempt, TimeSpan elapsed, FailureDetails failure) =>
        RetryDelays.Next(policy, "Act", 1, nextAttempt, elapsed, failure);
}

namespace DurableAgents.Abstractions.Tests;

public class RetryPolicyTests
{
    private static readonly FailureDetails Transient = new("System.TimeoutException", "slow");

    [Fact]
    public void GetNextDelay_ExponentialBackoff_GrowsByCoefficientUpToMaxInterval()
    {
        var policy = new RetryPolicy(6, TimeSpan.FromSeconds(1), backoffCoefficient: 3, maxRetryInterval: TimeSpan.FromSeconds(20));

        TimeSpan?[] delays = [.. Enumerable.Range(2, 5).Select(attempt => policy.GetNextDelay(attempt, TimeSpan.Zero, Transient))];

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(20)], delays);
    }

    [Fact]
    public void GetNextDelay_BeyondMaxAttempts_ReturnsNull()
    {
        var policy = new RetryPolicy(3, TimeSpan.FromSeconds(1));

        Assert.NotNull(policy.GetNextDelay(3, TimeSpan.Zero, Transient));
        Assert.Null(policy.GetNextDelay(4, TimeSpan.Zero, Transient));
    }

    [Fact]
    public void GetNextDelay_RetryTimeoutWouldBeExceeded_ReturnsNull()
    {
        var policy = new RetryPolicy(10, TimeSpan.FromSeconds(10), retryTimeout: TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(10), policy.GetNextDelay(2, TimeSpan.FromSeconds(20), Transient));
        Assert.Null(policy.GetNextDelay(2, TimeSpan.FromSeconds(21), Transient));
    }

    [Fact]
    public void GetNextDelay_NonRetriableFailure_ReturnsNull()
    {
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1));

        Assert.Null(policy.GetNextDelay(2, TimeSpan.Zero, Transient with { IsNonRetriable = true }));
    }

    [Fact]
    public void GetNextDelay_HandleFailureDeclines_ReturnsNull()
    {
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1)) { HandleFailure = f => f.ErrorType != "System.ArgumentException" };

        Assert.NotNull(policy.GetNextDelay(2, TimeSpan.Zero, Transient));
        Assert.Null(policy.GetNextDelay(2, TimeSpan.Zero, new FailureDetails("System.ArgumentException", "bad")));
    }

    [Fact]
    public void Constructor_Defaults_AreOneHourCapAndNoTimeout()
    {
        var policy = new RetryPolicy(2, TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromHours(1), policy.MaxRetryInterval);
        Assert.Equal(Timeout.InfiniteTimeSpan, policy.RetryTimeout);
        Assert.Equal(1.0, policy.BackoffCoefficient);
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(0, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(2, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(2, TimeSpan.FromSeconds(1), backoffCoefficient: 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(2, TimeSpan.FromSeconds(10), maxRetryInterval: TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void TaskOptions_FromRetryPolicy_CarriesThePolicy()
    {
        var policy = new RetryPolicy(2, TimeSpan.FromSeconds(1));

        TaskOptions options = TaskOptions.FromRetryPolicy(policy);
        SubOrchestrationOptions sub = options.WithInstanceId("child");

        Assert.Same(policy, options.Retry!.Policy);
        Assert.Same(policy, sub.Retry!.Policy);
        Assert.Equal("child", sub.InstanceId);
    }
}

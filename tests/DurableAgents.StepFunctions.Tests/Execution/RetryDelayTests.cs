using DurableAgents.StepFunctions.Execution;

namespace DurableAgents.StepFunctions.Tests.Execution;

public sealed class RetryDelayTests
{
    [Theory]
    [InlineData(0, 3)]
    [InlineData(1, 6)]
    [InlineData(2, 12)]
    public void For_IsIntervalTimesBackoffToTheRetry(int retry, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryDelay.For(new Retrier(["States.ALL"]) { IntervalSeconds = 3, BackoffRate = 2 }, retry, 0.5));

    [Fact]
    public void For_IsCappedAtMaxDelaySeconds() =>
        Assert.Equal(TimeSpan.FromSeconds(20), RetryDelay.For(new Retrier(["States.ALL"]) { IntervalSeconds = 10, BackoffRate = 3, MaxDelaySeconds = 20 }, 4, 0.5));

    [Fact]
    public void For_FullJitterScalesTheCappedDelay() =>
        Assert.Equal(TimeSpan.FromSeconds(5), RetryDelay.For(new Retrier(["States.ALL"]) { IntervalSeconds = 10, BackoffRate = 3, MaxDelaySeconds = 20, JitterStrategy = JitterStrategy.Full }, 4, 0.25));

    [Fact]
    public void FractionOf_IsInUnitIntervalAndDeterministic()
    {
        var guid = Guid.Parse("ffffffff-0000-0000-0000-000000000000");

        Assert.InRange(RetryDelay.FractionOf(guid), 0.99, 1.0 - double.Epsilon);
        Assert.Equal(RetryDelay.FractionOf(guid), RetryDelay.FractionOf(guid));
        Assert.Equal(0.0, RetryDelay.FractionOf(Guid.Empty));
    }
}

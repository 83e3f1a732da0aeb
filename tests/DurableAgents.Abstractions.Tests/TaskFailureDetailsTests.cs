namespace DurableAgents.Abstractions.Tests;

public class TaskFailureDetailsTests
{
    [Fact]
    public void FromException_ThrownExceptionWithInner_CapturesTypeMessageStackAndInnerChain()
    {
        Exception thrown = Catch(() => throw new InvalidOperationException("outer", new ArgumentNullException("order", "inner")));

        FailureDetails details = FailureDetails.FromException(thrown);

        Assert.Equal("System.InvalidOperationException", details.ErrorType);
        Assert.Equal("outer", details.ErrorMessage);
        Assert.Contains(nameof(FromException_ThrownExceptionWithInner_CapturesTypeMessageStackAndInnerChain), details.StackTrace, StringComparison.Ordinal);
        Assert.Equal("System.ArgumentNullException", details.InnerFailure!.ErrorType);
        Assert.StartsWith("inner", details.InnerFailure.ErrorMessage, StringComparison.Ordinal);
        Assert.False(details.IsNonRetriable);
        Assert.Equal("System.InvalidOperationException: outer", details.ToString());
    }

    [Fact]
    public void FromException_NonRetriableMarkerOrFlag_SetsIsNonRetriable()
    {
        Assert.True(FailureDetails.FromException(new BudgetExhaustedException()).IsNonRetriable);
        Assert.True(FailureDetails.FromException(new TimeoutException(), isNonRetriable: true).IsNonRetriable);
        Assert.False(FailureDetails.FromException(new TimeoutException()).IsNonRetriable);
    }

    [Fact]
    public void IsCausedBy_ExactBaseAndUnrelatedTypes()
    {
        FailureDetails details = FailureDetails.FromException(new ArgumentNullException("x"));

        Assert.True(details.IsCausedBy<ArgumentNullException>());
        Assert.True(details.IsCausedBy<ArgumentException>());
        Assert.True(details.IsCausedBy<Exception>());
        Assert.False(details.IsCausedBy<InvalidOperationException>());
    }

    [Fact]
    public void IsCausedBy_UnknownRecordedType_MatchesOnlyByExactName()
    {
        var details = new FailureDetails("Some.Remote.ErrorType", "from another language");

        Assert.False(details.IsCausedBy<Exception>());
    }

    [Fact]
    public void TaskFailedException_CarriesTaskAndDetails()
    {
        var details = new FailureDetails("E", "went wrong");

        var failed = new TaskFailedException("Charge", 4, details);
        var sub = new SubOrchestrationFailedException("Child", "c-1", 5, details);

        Assert.Equal(("Charge", 4), (failed.TaskName, failed.TaskId));
        Assert.Contains("went wrong", failed.Message, StringComparison.Ordinal);
        Assert.Equal("c-1", sub.InstanceId);
        Assert.Contains("c-1", sub.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<TaskFailedException>(sub);
        Assert.Throws<ArgumentNullException>(() => new TaskFailedException("x", 1, null!));
    }

    [Fact]
    public void NonDeterministicOrchestrationException_MessageNamesEventAndBothSides()
    {
        var error = new NonDeterministicOrchestrationException(7, "TaskScheduled 'A'", "ScheduleTask 'B'");

        Assert.Contains("#7", error.Message, StringComparison.Ordinal);
        Assert.Contains("TaskScheduled 'A'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ScheduleTask 'B'", error.Message, StringComparison.Ordinal);
        Assert.Equal((7, "TaskScheduled 'A'", "ScheduleTask 'B'"), (error.EventId, error.Expected, error.Actual));
    }

    private static Exception Catch(Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            return ex;
        }

        throw new InvalidOperationException("Nothing was thrown.");
    }

    private sealed class BudgetExhaustedException : Exception, INonRetriableFailure
    {
    }

    [Fact]
    public void FromException_TaskFailedException_KeepsTheTaskFailureAsInner()
    {
        var activityFailure = new FailureDetails("System.TimeoutException", "model did not answer");
        var exception = new TaskFailedException("CallModel", 3, activityFailure);

        FailureDetails details = FailureDetails.FromException(exception);

        Assert.Equal(typeof(TaskFailedException).FullName, details.ErrorType);
        Assert.Equal(activityFailure, details.InnerFailure);
    }
}

using System.Text.Json;
using Microsoft.DurableTask;

namespace DurableAgents.Abstractions.Tests;

public class FailureDetailsTests
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
    public void ToTaskFailureDetails_CarriesEveryFieldAndTurnsPropertiesIntoPlainValues()
    {
        var properties = new Dictionary<string, JsonElement>
        {
            ["code"] = JsonSerializer.SerializeToElement("E42"),
            ["attempts"] = JsonSerializer.SerializeToElement(3),
            ["transient"] = JsonSerializer.SerializeToElement(true),
            ["missing"] = JsonSerializer.SerializeToElement<object?>(null),
            ["detail"] = JsonSerializer.SerializeToElement(new { shard = 2 }),
        };
        var details = new FailureDetails("E", "went wrong", "   at X()", new FailureDetails("Inner", "cause"), Properties: properties);

        TaskFailureDetails official = details.ToTaskFailureDetails();

        Assert.Equal(("E", "went wrong", "   at X()"), (official.ErrorType, official.ErrorMessage, official.StackTrace));
        Assert.Equal(("Inner", "cause"), (official.InnerFailure!.ErrorType, official.InnerFailure.ErrorMessage));
        Assert.Equal("E42", official.Properties!["code"]);
        Assert.Equal(3.0, official.Properties["attempts"]);
        Assert.Equal(true, official.Properties["transient"]);
        Assert.Null(official.Properties["missing"]);
        Assert.Equal(2, Assert.IsType<JsonElement>(official.Properties["detail"]).GetProperty("shard").GetInt32());
    }

    [Fact]
    public void From_OfficialDetails_RoundTripsThroughToTaskFailureDetails()
    {
        var official = new TaskFailureDetails(
            "E",
            "went wrong",
            "   at X()",
            new TaskFailureDetails("Inner", "cause", null, null, null),
            new Dictionary<string, object?> { ["code"] = "E42", ["attempts"] = 3 });

        FailureDetails details = FailureDetails.From(official);

        Assert.Equal(("E", "went wrong", "   at X()"), (details.ErrorType, details.ErrorMessage, details.StackTrace));
        Assert.Equal(new FailureDetails("Inner", "cause"), details.InnerFailure);
        Assert.Equal("\"E42\"", details.Properties!["code"].GetRawText());
        Assert.Equal("3", details.Properties["attempts"].GetRawText());
        Assert.Equal(3.0, details.ToTaskFailureDetails().Properties!["attempts"]);
    }

    [Fact]
    public void From_OfficialDetailsWithoutProperties_HasNoProperties()
    {
        FailureDetails details = FailureDetails.From(new TaskFailureDetails("E", "m", null, null, new Dictionary<string, object?>()));

        Assert.Null(details.Properties);
        Assert.Null(details.ToTaskFailureDetails().Properties);
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
        var exception = new TaskFailedException("CallModel", 3, activityFailure.ToTaskFailureDetails());

        FailureDetails details = FailureDetails.FromException(exception);

        Assert.Equal(typeof(TaskFailedException).FullName, details.ErrorType);
        Assert.Equal(activityFailure, details.InnerFailure);
    }
}

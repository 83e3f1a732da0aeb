using DurableAgents.StepFunctions.Execution;

namespace DurableAgents.StepFunctions.Tests.Execution;

public sealed class ErrorMatcherTests
{
    [Theory]
    [InlineData("States.ALL", "System.InvalidOperationException", true)]
    [InlineData("States.ALL", "States.Timeout", true)]
    [InlineData("States.ALL", "States.Runtime", false)]
    [InlineData("States.TaskFailed", "System.InvalidOperationException", true)]
    [InlineData("States.TaskFailed", "States.Timeout", false)]
    [InlineData("States.TaskFailed", "States.NoChoiceMatched", false)]
    [InlineData("States.Timeout", "States.Timeout", true)]
    [InlineData("InvalidOperationException", "System.InvalidOperationException", true)]
    [InlineData("System.InvalidOperationException", "System.InvalidOperationException", true)]
    [InlineData("ArgumentException", "System.InvalidOperationException", false)]
    [InlineData("Review.Rejected", "Review.Rejected", true)]
    public void Matches_FollowsAslRules(string errorEquals, string error, bool expected) =>
        Assert.Equal(expected, ErrorMatcher.Matches([errorEquals], error));
}

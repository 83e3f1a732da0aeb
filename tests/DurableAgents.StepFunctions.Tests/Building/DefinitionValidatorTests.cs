using System.Text.Json.Nodes;
using DurableAgents.StepFunctions.Validation;

namespace DurableAgents.StepFunctions.Tests.Building;

public sealed class DefinitionValidatorTests
{
    private static IReadOnlyList<DefinitionError> ErrorsOf(WorkflowBuilder builder) =>
        Assert.Throws<WorkflowDefinitionException>(builder.Build).Errors;

    private static void AssertError(WorkflowBuilder builder, string location, string reasonPart)
    {
        IReadOnlyList<DefinitionError> errors = ErrorsOf(builder);
        Assert.True(errors.Any(e => e.Location == location && e.Reason.Contains(reasonPart, StringComparison.Ordinal)),
            $"Expected '{location}: ...{reasonPart}...' among:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
    }

    [Fact]
    public void NoStates_IsReported() =>
        AssertError(new WorkflowBuilder("W"), "StartAt", "no states");

    [Fact]
    public void StartAtUnknown_IsReported() =>
        AssertError(new WorkflowBuilder("W").StartAt("Missing").Succeed("Done"), "StartAt", "StartAt names 'Missing'");

    [Fact]
    public void StartAtEmpty_IsReportedAsMissing() =>
        AssertError(new WorkflowBuilder("W").StartAt("").Succeed("Done"), "StartAt", "StartAt is missing");

    [Fact]
    public void UnknownNextTargets_AreReportedForEveryTransition()
    {
        IReadOnlyList<DefinitionError> errors = ErrorsOf(new WorkflowBuilder("W")
            .Choice("C", c => c.When(Condition.BooleanEquals("$.ok", true), "X1").Otherwise("X2"))
            .Activity("A", "DoA", s => s.Catch(["States.ALL"], "X3").End()));

        Assert.Contains(errors, e => e.Reason.Contains("a Choices rule's Next names 'X1'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Reason.Contains("Default names 'X2'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Location == "state 'A'" && e.Reason.Contains("a Catch's Next names 'X3'", StringComparison.Ordinal));
    }

    [Fact]
    public void UnreachableState_IsReported() =>
        AssertError(new WorkflowBuilder("W").Succeed("Start").Succeed("Island"), "state 'Island'", "cannot be reached from StartAt 'Start'");

    [Fact]
    public void StateReachedOnlyThroughCatch_IsReachable()
    {
        WorkflowDefinition definition = new WorkflowBuilder("W")
            .Activity("A", "DoA", s => s.Catch(["States.ALL"], "Handle").End())
            .Succeed("Handle")
            .Build();

        Assert.Equal(2, definition.Machine.States.Count);
    }

    [Fact]
    public void DuplicateNames_AreReported() =>
        AssertError(new WorkflowBuilder("W").Pass("P", s => s.Next("P")).Succeed("P"), "state 'P'", "must be unique");

    [Fact]
    public void StateNameLongerThan80_IsReported()
    {
        string name = new('s', 81);
        AssertError(new WorkflowBuilder("W").Succeed(name), $"state '{name}'", "81 characters long; ASL allows at most 80");
    }

    [Fact]
    public void StateNameOf80_IsAccepted() =>
        Assert.NotNull(new WorkflowBuilder("W").Succeed(new string('s', 80)).Build());

    [Fact]
    public void WorkflowNameLongerThan80_IsReported() =>
        AssertError(new WorkflowBuilder(new string('w', 81)).Succeed("Done"), $"workflow '{new string('w', 81)}'", "at most 80");

    [Fact]
    public void ChoiceWithoutRules_IsReported() =>
        AssertError(new WorkflowBuilder("W").Choice("C", c => c.Otherwise("Done")).Succeed("Done"), "state 'C'", "at least one rule");

    [Fact]
    public void EmptyAnd_IsReported() =>
        AssertError(new WorkflowBuilder("W").Choice("C", c => c.When(Condition.And(), "Done")).Succeed("Done"), "state 'C'", "Choices[0] is an And/Or without nested conditions");

    [Fact]
    public void ComparisonWithWrongOperandType_IsReported() =>
        AssertError(new WorkflowBuilder("W").Choice("C", c => c.When(Condition.Compare("$.n", ComparisonOperator.NumericEquals, JsonValue.Create("3")), "Done")).Succeed("Done"),
            "state 'C'", "Choices[0].NumericEquals needs a number, not string \"3\"");

    [Fact]
    public void ComparisonVariableWithWildcard_IsReported() =>
        AssertError(new WorkflowBuilder("W").Choice("C", c => c.When(Condition.IsPresent("$.items[*]"), "Done")).Succeed("Done"),
            "state 'C'", "Choices[0].Variable '$.items[*]' has a wildcard");

    [Fact]
    public void ChoiceWithNext_IsReported() =>
        AssertError(new WorkflowBuilder("W").Choice("C", c => c.When(Condition.IsPresent("$.a"), "Done").Next("Done")).Succeed("Done"),
            "state 'C'", "a Choice state cannot have Next");

    [Fact]
    public void MapWithoutItemProcessor_IsReported() =>
        AssertError(new WorkflowBuilder("W").Map("M", m => m.End()), "state 'M'", "needs an ItemProcessor");

    [Fact]
    public void MapNegativeMaxConcurrency_IsReported() =>
        AssertError(new WorkflowBuilder("W").Map("M", m => m.MaxConcurrency(-1).ItemProcessor(b => b.Succeed("S")).End()), "state 'M'", "MaxConcurrency is -1");

    [Fact]
    public void ParallelWithoutBranches_IsReported() =>
        AssertError(new WorkflowBuilder("W").Parallel("P", p => p.End()), "state 'P'", "at least one branch");

    [Fact]
    public void MistakeInsideABranch_NamesTheBranchAndState() =>
        AssertError(new WorkflowBuilder("W").Parallel("P", p => p.Branch(b => b.Pass("Inner", s => s.Next("Outer"))).Next("Outer")).Succeed("Outer"),
            "state 'P' branch 0 > state 'Inner'", "Next names 'Outer', which is not a state of this machine");

    [Fact]
    public void NeitherNextNorEnd_IsReported() =>
        AssertError(new WorkflowBuilder("W").Activity("A", "DoA"), "state 'A'", "neither Next nor End");

    [Fact]
    public void BothNextAndEnd_IsReported() =>
        AssertError(new WorkflowBuilder("W").Pass("A", s => s.Next("B").End()).Succeed("B"), "state 'A'", "both Next and End");

    [Theory]
    [InlineData(0, 3, 2.0, null, "IntervalSeconds is 0")]
    [InlineData(100_000_000, 3, 2.0, null, "IntervalSeconds is 100000000")]
    [InlineData(1, -1, 2.0, null, "MaxAttempts is -1")]
    [InlineData(1, 100_000_000, 2.0, null, "MaxAttempts is 100000000")]
    [InlineData(1, 3, 0.5, null, "BackoffRate is 0.5")]
    [InlineData(1, 3, double.NaN, null, "BackoffRate is NaN")]
    [InlineData(1, 3, 2.0, 0, "MaxDelaySeconds is 0")]
    [InlineData(1, 3, 2.0, 31_622_401, "MaxDelaySeconds is 31622401")]
    public void RetryValuesOutOfAslRanges_AreReported(int interval, int maxAttempts, double backoff, int? maxDelay, string reason) =>
        AssertError(new WorkflowBuilder("W").Activity("A", "DoA", s => s
                .Retry(new Retrier(["States.TaskFailed"]) { IntervalSeconds = interval, MaxAttempts = maxAttempts, BackoffRate = backoff, MaxDelaySeconds = maxDelay })
                .End()),
            "state 'A'", reason);

    [Fact]
    public void RetryValuesAtAslLimits_AreAccepted() =>
        Assert.NotNull(new WorkflowBuilder("W").Activity("A", "DoA", s => s
            .Retry(new Retrier(["States.TaskFailed"]) { IntervalSeconds = 99_999_999, MaxAttempts = 0, BackoffRate = 1.0, MaxDelaySeconds = 31_622_400 })
            .End()).Build());

    [Fact]
    public void ErrorNameInReservedNamespaceButNotPredefined_IsReported() =>
        AssertError(new WorkflowBuilder("W").Activity("A", "DoA", s => s.Retry("States.Oops").End()), "state 'A'", "'States.Oops' is in the reserved 'States.' namespace");

    [Fact]
    public void CustomErrorName_IsAccepted() =>
        Assert.NotNull(new WorkflowBuilder("W").Activity("A", "DoA", s => s.Retry("TimeoutException", "States.Timeout").End()).Build());

    [Fact]
    public void StatesAllWithOtherNames_IsReported() =>
        AssertError(new WorkflowBuilder("W").Activity("A", "DoA", s => s.Retry("States.ALL", "States.Timeout").End()), "state 'A'", "States.ALL to appear alone");

    [Fact]
    public void StatesAllNotLast_IsReported() =>
        AssertError(new WorkflowBuilder("W").Activity("A", "DoA", s => s.Catch(["States.ALL"], "B").Catch(["States.Timeout"], "B").End()).Succeed("B"),
            "state 'A'", "Catch[0] matches States.ALL but is not the last");

    [Fact]
    public void EmptyErrorEquals_IsReported() =>
        AssertError(new WorkflowBuilder("W").Activity("A", "DoA", s => s.Retry().End()), "state 'A'", "Retry[0].ErrorEquals is empty");

    [Fact]
    public void CompensationOnNonTaskStep_IsReported() =>
        AssertError(new WorkflowBuilder("W").Pass("P", s => s.CompensateWith("Undo").End()), "state 'P'", "a Pass state cannot have a compensation");

    [Fact]
    public void RetryOnPassState_IsReported() =>
        AssertError(new WorkflowBuilder("W").Pass("P", s => s.Retry("States.ALL").End()), "state 'P'", "a Pass state cannot have Retry; ASL allows it only on Task, Parallel and Map states");

    [Fact]
    public void ResultSelectorOnWait_IsReported() =>
        AssertError(new WorkflowBuilder("W").Wait("Nap", w => w.Seconds(1).ResultSelector("{}").End()), "state 'Nap'", "a Wait state cannot have ResultSelector");

    [Fact]
    public void WaitWithTwoDurations_IsReported() =>
        AssertError(new WorkflowBuilder("W").Wait("Nap", w => w.Seconds(1).SecondsPath("$.s").End()), "state 'Nap'", "exactly one of Seconds, Timestamp, SecondsPath and TimestampPath; it has 2");

    [Fact]
    public void WaitWithoutDuration_IsReported() =>
        AssertError(new WorkflowBuilder("W").Wait("Nap", w => w.End()), "state 'Nap'", "it has 0");

    [Fact]
    public void PathNotStartingWithDollar_IsReported() =>
        AssertError(new WorkflowBuilder("W").Pass("P", s => s.InputPath("input.a").End()), "state 'P'", "InputPath: the path 'input.a' must start with '$'");

    [Fact]
    public void ResultPathWithWildcard_IsReported() =>
        AssertError(new WorkflowBuilder("W").Pass("P", s => s.ResultPath("$.a[*]").End()), "state 'P'", "ResultPath '$.a[*]' has a wildcard");

    [Fact]
    public void ResultPathIntoContextObject_IsReported() =>
        AssertError(new WorkflowBuilder("W").Pass("P", s => s.ResultPath("$$.Execution").End()), "state 'P'", "cannot write into the context object");

    [Fact]
    public void DeepScanPath_IsReported() =>
        AssertError(new WorkflowBuilder("W").Pass("P", s => s.OutputPath("$..a").End()), "state 'P'", "deep scan");

    [Fact]
    public void ParameterWithUnknownIntrinsic_IsReported() =>
        AssertError(new WorkflowBuilder("W").Pass("P", s => s.Parameters("""{"id.$":"States.Hash($.a, 'SHA-1')"}""").End()), "state 'P'", "'States.Hash' is not a supported intrinsic function");

    [Fact]
    public void ParameterDollarKeyWithNonString_IsReported() =>
        AssertError(new WorkflowBuilder("W").Pass("P", s => s.Parameters("""{"nested":{"n.$":3}}""").End()), "state 'P'", "Parameters.nested.n.$ ends in '.$'");

    [Fact]
    public void AgentWithoutPrompt_IsReported() =>
        AssertError(new WorkflowBuilder("W").Agent("Ask", "writer", configure: s => s.End()), "state 'Ask'", "exactly one of a literal prompt and a prompt path");

    [Fact]
    public void AgentWithMalformedPromptIntrinsic_IsReported() =>
        AssertError(new WorkflowBuilder("W").Agent("Ask", "writer", promptPath: "States.Format('x {}', $.a", configure: s => s.End()), "state 'Ask'", "the prompt: the intrinsic function");

    [Fact]
    public void ApprovalWithoutOutcomeTargets_IsReported()
    {
        IReadOnlyList<DefinitionError> errors = ErrorsOf(new WorkflowBuilder("W").Approval("Ok?", "publish", TimeSpan.FromHours(1), a => a.OnApproved("Done")).Succeed("Done"));

        Assert.Contains(errors, e => e.Reason.Contains("needs RejectedNext", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Reason.Contains("needs TimedOutNext", StringComparison.Ordinal));
    }

    [Fact]
    public void ApprovalNameWithSlash_IsReported() =>
        AssertError(new WorkflowBuilder("W").Approval("Ok?", "a/b", TimeSpan.FromHours(1), a => a.OnApproved("Done").OnRejected("Done").OnTimedOut("Done")).Succeed("Done"),
            "state 'Ok?'", "the approval name 'a/b'");

    [Fact]
    public void FailWithReservedUnknownError_IsReported() =>
        AssertError(new WorkflowBuilder("W").Fail("F", "States.Whatever"), "state 'F'", "reserved 'States.' namespace");

    [Fact]
    public void NonPositiveTaskTimeout_IsReported() =>
        AssertError(new WorkflowBuilder("W").Activity("A", "DoA", s => s.TimeoutSeconds(0).End()), "state 'A'", "TimeoutSeconds is 0");

    [Fact]
    public void AgentWithParameters_IsReported() =>
        AssertError(new WorkflowBuilder("W").Agent("Ask", "writer", prompt: "hi", configure: s => s.Parameters("{}").End()), "state 'Ask'", "an Agent state cannot have Parameters");
}

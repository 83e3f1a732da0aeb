namespace DurableAgents.StepFunctions.Equivalence.Tests.Equivalence;

/// <summary>
/// Each shipped declarative workflow, for each scenario, runs on our engine and, exported, in aws-local-stepfunctions,
/// with the same task code behind both. The final output (or error name and cause) and the ordered list of task
/// invocations must be identical; there is no tolerance list. Only the researchers of ResearchTeam's Map, which the
/// workflow runs two at a time, are compared as a set within their unbroken run.
/// </summary>
public sealed class EquivalenceTests
{
    public static TheoryData<string> Scenarios => [.. EquivalenceScenarios.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task OurEngineAndStepFunctions_SameOutcomeAndSameTaskInvocations(string name)
    {
        Scenario scenario = EquivalenceScenarios.Named(name);

        SideResult ours = await OurEngineSide.RunAsync(scenario);
        SideResult theirs = await StepFunctionsLocalSide.RunAsync(scenario);

        List<string> ourCalls = Comparable(ours.Invocations, scenario);
        List<string> theirCalls = Comparable(theirs.Invocations, scenario);
        Assert.True(ourCalls.SequenceEqual(theirCalls, StringComparer.Ordinal), "The task invocations differ.\n" + Report(ours, theirs, ourCalls, theirCalls));
        Assert.True(ours.Outcome.Describe() == theirs.Outcome.Describe(), "The outcomes differ.\n" + Report(ours, theirs, ourCalls, theirCalls));
    }

    private static string Report(SideResult ours, SideResult theirs, List<string> ourCalls, List<string> theirCalls)
    {
        int first = ourCalls.Zip(theirCalls).TakeWhile(p => p.First == p.Second).Count();
        return $"""
            our engine:         {ours.Outcome.Describe()} (cause: {ours.Outcome.Cause})
            aws-local-stepfns:  {theirs.Outcome.Describe()} (cause: {theirs.Outcome.Cause})
            first differing invocation: #{first}
            our engine:
              {string.Join("\n  ", ourCalls)}
            aws-local-stepfunctions:
              {string.Join("\n  ", theirCalls)}
            """;
    }

    /// <summary>The invocations as text, each unbroken run of the scenario's unordered ones sorted.</summary>
    private static List<string> Comparable(IReadOnlyList<Invocation> invocations, Scenario scenario)
    {
        var result = new List<string>();
        var run = new List<string>();
        foreach (Invocation invocation in invocations)
        {
            if (scenario.Unordered?.Invoke(invocation) == true)
            {
                run.Add(invocation.Describe());
                continue;
            }

            result.AddRange(run.Order(StringComparer.Ordinal));
            run.Clear();
            result.Add(invocation.Describe());
        }

        result.AddRange(run.Order(StringComparer.Ordinal));
        return result;
    }
}

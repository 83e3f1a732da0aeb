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

        Assert.Equal(ours.Outcome.Describe(), theirs.Outcome.Describe());
        Assert.Equal(Comparable(ours.Invocations, scenario), Comparable(theirs.Invocations, scenario));
        Assert.NotEmpty(ours.Invocations);
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

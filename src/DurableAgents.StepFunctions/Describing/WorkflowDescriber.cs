using System.Globalization;
using System.Text;

namespace DurableAgents.StepFunctions.Describing;

/// <summary>
/// A one-page text view of a definition for people: the states in order, each with what it runs, its data paths, where
/// it goes next, its retries, catches and compensation, and at the end the order in which compensations undo the steps.
/// Branches and item processors are indented under their state.
/// </summary>
public static class WorkflowDescriber
{
    /// <summary>The text view of <paramref name="definition"/>, with '\n' line ends.</summary>
    public static string Describe(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var text = new StringBuilder();
        text.Append("Workflow ").Append(definition.Name);
        if (definition.Comment is { } comment)
        {
            text.Append(" — ").Append(comment);
        }

        text.Append('\n');
        if (definition.TimeoutSeconds is int timeout)
        {
            text.Append("Times out after ").Append(Seconds(timeout)).Append(" (States.Timeout)\n");
        }

        DescribeMachine(text, definition.Machine, indent: string.Empty);
        List<State> compensable = [.. Compensable(definition.Machine)];
        if (compensable.Count > 0)
        {
            text.Append("\nCompensation: when the run fails, each of these steps that completed is undone, newest first, with its effective input:\n");
            foreach (State state in compensable)
            {
                text.Append("  ").Append(state.Name).Append(": ").Append(state.CompensationActivity).Append('\n');
            }
        }

        return text.ToString();
    }

    private static void DescribeMachine(StringBuilder text, StateMachine machine, string indent)
    {
        text.Append(indent).Append("Starts at ").Append(machine.StartAt).Append('\n');
        int number = 0;
        foreach (State state in machine.States)
        {
            number++;
            text.Append(indent).Append(number.ToString(CultureInfo.InvariantCulture)).Append(". ").Append(state.Name).Append("  ").Append(What(state)).Append('\n');
            string detail = indent + "     ";
            foreach (string line in Details(state))
            {
                text.Append(detail).Append(line).Append('\n');
            }

            switch (state)
            {
                case ParallelState parallel:
                    for (int i = 0; i < parallel.Branches.Count; i++)
                    {
                        text.Append(detail).Append("branch ").Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(":\n");
                        DescribeMachine(text, parallel.Branches[i], detail + "  ");
                    }

                    break;
                case MapState { ItemProcessor: { } processor }:
                    text.Append(detail).Append("for each item:\n");
                    DescribeMachine(text, processor, detail + "  ");
                    break;
            }

            foreach (string line in Transitions(state))
            {
                text.Append(detail).Append(line).Append('\n');
            }
        }
    }

    private static string What(State state) => state switch
    {
        ActivityState activity => $"Task: activity {activity.ActivityName}" + Timeout(activity.TimeoutSeconds),
        AgentState agent => $"Task: agent {agent.AgentName}, prompt {(agent.Prompt is { } p ? $"\"{p}\"" : agent.PromptPath)}" + Timeout(agent.TimeoutSeconds),
        ApprovalState approval => $"Approval \"{approval.ApprovalName}\", waits up to {Seconds(approval.TimeoutSeconds)}" +
            (approval.DetailsPath is { } details ? $", shows {details}" : string.Empty),
        PassState { Result: { } result } => $"Pass: result {result.ToJsonString()}",
        PassState => "Pass",
        WaitState wait => "Wait " + (wait.Seconds is int s ? Seconds(s)
            : wait.Timestamp is { } t ? "until " + t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : wait.SecondsPath is { } sp ? $"the seconds at {sp}" : $"until the time at {wait.TimestampPath}"),
        ChoiceState => "Choice",
        ParallelState parallel => $"Parallel: {parallel.Branches.Count} branches",
        MapState map => $"Map over {map.ItemsPath}" + (map.MaxConcurrency > 0 ? $", {map.MaxConcurrency} at a time" : string.Empty),
        SucceedState => "Succeed",
        FailState fail => $"Fail: {fail.Error ?? "States.Fail"}" + (fail.Cause is { } cause ? $" ({cause})" : string.Empty),
        _ => state.Type,
    };

    private static IEnumerable<string> Details(State state)
    {
        if (state.Comment is { } comment)
        {
            yield return "# " + comment;
        }

        if (state.InputPath != "$")
        {
            yield return "input: " + (state.InputPath ?? "nothing ({})");
        }

        if (state.Parameters is { } parameters)
        {
            yield return "parameters: " + parameters.ToJsonString();
        }

        if (state is MapState { ItemSelector: { } selector })
        {
            yield return "each item: " + selector.ToJsonString();
        }

        if (state.ResultSelector is { } resultSelector)
        {
            yield return "result selected: " + resultSelector.ToJsonString();
        }

        if (state.ResultPath != "$" && state is not (ChoiceState or WaitState or SucceedState or FailState))
        {
            yield return "result to: " + (state.ResultPath ?? "nowhere (the input passes on)");
        }

        if (state.OutputPath != "$")
        {
            yield return "output: " + (state.OutputPath ?? "nothing ({})");
        }

        foreach (Retrier retrier in state.Retry)
        {
            yield return $"retry on {string.Join(", ", retrier.ErrorEquals)}: up to {retrier.MaxAttempts} times, first after {Seconds(retrier.IntervalSeconds)}, ×{retrier.BackoffRate.ToString(CultureInfo.InvariantCulture)} each time" +
                (retrier.MaxDelaySeconds is int max ? $", at most {Seconds(max)}" : string.Empty) +
                (retrier.JitterStrategy == JitterStrategy.Full ? ", full jitter" : string.Empty);
        }

        foreach (Catcher catcher in state.Catch)
        {
            yield return $"catch {string.Join(", ", catcher.ErrorEquals)} -> {catcher.Next}" +
                (catcher.ResultPath == "$" ? string.Empty : $" (error to {catcher.ResultPath ?? "nowhere"})");
        }

        if (state.CompensationActivity is { } compensation)
        {
            yield return "compensated by: " + compensation;
        }
    }

    private static IEnumerable<string> Transitions(State state)
    {
        switch (state)
        {
            case ChoiceState choice:
                foreach (ChoiceRule rule in choice.Choices)
                {
                    yield return $"if {Condition(rule.Condition)} -> {rule.Next}";
                }

                yield return choice.Default is { } otherwise ? $"otherwise -> {otherwise}" : "otherwise: fails with States.NoChoiceMatched";
                break;
            case ApprovalState approval:
                yield return $"approved -> {approval.ApprovedNext}; rejected -> {approval.RejectedNext}; timed out -> {approval.TimedOutNext}";
                break;
            case SucceedState or FailState:
                break;
            default:
                yield return state.Next is { } next ? $"-> {next}" : "-> end";
                break;
        }
    }

    private static string Condition(Condition condition) => condition switch
    {
        AndCondition and => "(" + string.Join(" and ", and.Conditions.Select(Condition)) + ")",
        OrCondition or => "(" + string.Join(" or ", or.Conditions.Select(Condition)) + ")",
        NotCondition not => "not " + Condition(not.Condition),
        ComparisonCondition comparison => $"{comparison.Variable} {comparison.Operator} {comparison.Value?.ToJsonString() ?? "null"}",
        _ => condition.ToString() ?? string.Empty,
    };

    private static IEnumerable<State> Compensable(StateMachine machine) =>
        machine.States.SelectMany(state => state switch
        {
            ParallelState parallel => parallel.Branches.SelectMany(Compensable),
            MapState { ItemProcessor: { } processor } => Compensable(processor),
            _ => state.CompensationActivity is null ? [] : new[] { state },
        });

    private static string Timeout(int? seconds) => seconds is int s ? $", times out after {Seconds(s)}" : string.Empty;

    private static string Seconds(int seconds) => seconds switch
    {
        >= 86400 when seconds % 86400 == 0 => $"{seconds / 86400} d",
        >= 3600 when seconds % 3600 == 0 => $"{seconds / 3600} h",
        >= 60 when seconds % 60 == 0 => $"{seconds / 60} min",
        _ => $"{seconds} s",
    };
}

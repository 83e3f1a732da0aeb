using System.Text.Json.Nodes;
using DurableAgents.StepFunctions.DataFlow;

namespace DurableAgents.StepFunctions.Validation;

/// <summary>
/// Checks a definition against the Amazon States Language before it can run or be exported, so that a mistake is
/// reported when the workflow is built, with the state and the reason, and never at run time. Collects every mistake
/// rather than stopping at the first.
/// </summary>
public static class DefinitionValidator
{
    /// <summary>ASL's longest state (and state machine) name.</summary>
    public const int MaxNameLength = 80;

    /// <summary>ASL's largest MaxAttempts and IntervalSeconds.</summary>
    public const int MaxRetryValue = 99_999_999;

    /// <summary>ASL's largest MaxDelaySeconds (one year and a day).</summary>
    public const int MaxDelaySecondsLimit = 31_622_400;

    /// <summary>Every mistake in <paramref name="definition"/>; empty when it is valid.</summary>
    public static IReadOnlyList<DefinitionError> Validate(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<DefinitionError>();
        string where = $"workflow '{definition.Name}'";
        CheckName(definition.Name, where, "workflow name", errors);
        if (definition.TimeoutSeconds is <= 0)
        {
            errors.Add(new(where, $"TimeoutSeconds is {definition.TimeoutSeconds}; it must be a positive integer"));
        }

        ValidateMachine(definition.Machine, "", errors);
        return errors;
    }

    private static void ValidateMachine(StateMachine machine, string scope, List<DefinitionError> errors)
    {
        string machineWhere = scope.Length == 0 ? "StartAt" : $"{scope} StartAt";
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (State state in machine.States)
        {
            if (!names.Add(state.Name))
            {
                errors.Add(new(Where(scope, state.Name), "the name is used by another state of the same machine; state names must be unique"));
            }
        }

        if (machine.States.Count == 0)
        {
            errors.Add(new(machineWhere, "the machine has no states"));
            return;
        }

        if (string.IsNullOrEmpty(machine.StartAt))
        {
            errors.Add(new(machineWhere, "StartAt is missing; it must name the first state"));
        }
        else if (!names.Contains(machine.StartAt))
        {
            errors.Add(new(machineWhere, $"StartAt names '{machine.StartAt}', which is not a state of this machine"));
        }

        foreach (State state in machine.States)
        {
            string where = Where(scope, state.Name);
            CheckName(state.Name, where, "state name", errors);
            foreach ((string field, string target) in Transitions(state))
            {
                if (!names.Contains(target))
                {
                    errors.Add(new(where, $"{field} names '{target}', which is not a state of this machine"));
                }
            }

            ValidateState(state, where, errors);
        }

        foreach (State unreachable in machine.States.Where(s => !Reachable(machine).Contains(s.Name)))
        {
            errors.Add(new(Where(scope, unreachable.Name), $"the state cannot be reached from StartAt '{machine.StartAt}'"));
        }
    }

    private static HashSet<string> Reachable(StateMachine machine)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([machine.StartAt]);
        while (pending.TryPop(out string? name))
        {
            if (machine.Find(name) is { } state && seen.Add(name))
            {
                foreach ((_, string target) in Transitions(state))
                {
                    pending.Push(target);
                }
            }
        }

        return seen;
    }

    private static IEnumerable<(string Field, string Target)> Transitions(State state)
    {
        if (state.Next is { } next)
        {
            yield return ("Next", next);
        }

        foreach (Catcher catcher in state.Catch)
        {
            yield return ("a Catch's Next", catcher.Next);
        }

        if (state is ChoiceState choice)
        {
            foreach (ChoiceRule rule in choice.Choices)
            {
                yield return ("a Choices rule's Next", rule.Next);
            }

            if (choice.Default is { } fallback)
            {
                yield return ("Default", fallback);
            }
        }

        if (state is ApprovalState approval)
        {
            foreach ((string field, string? target) in new[] { ("ApprovedNext", approval.ApprovedNext), ("RejectedNext", approval.RejectedNext), ("TimedOutNext", approval.TimedOutNext) })
            {
                if (target is not null)
                {
                    yield return (field, target);
                }
            }
        }
    }

    private static void ValidateState(State state, string where, List<DefinitionError> errors)
    {
        bool isTask = state is ActivityState or AgentState;
        bool canRetry = isTask || state is ParallelState or MapState;
        bool usesNextOrEnd = state is ActivityState or AgentState or PassState or WaitState or ParallelState or MapState;
        bool hasPaths = state is not FailState;

        void Refuse(bool present, string field, string allowedOn)
        {
            if (present)
            {
                errors.Add(new(where, $"a {state.Type} state cannot have {field}; ASL allows it only on {allowedOn}"));
            }
        }

        Refuse(!hasPaths && state.InputPath != "$", "InputPath", "states other than Fail");
        Refuse(!hasPaths && state.OutputPath != "$", "OutputPath", "states other than Fail");
        Refuse(state.Parameters is not null && !(canRetry || state is PassState), "Parameters", "Task, Parallel, Map and Pass states");
        Refuse(state.ResultSelector is not null && !canRetry, "ResultSelector", "Task, Parallel and Map states");
        Refuse(state.ResultPath != "$" && !(canRetry || state is PassState or ApprovalState), "ResultPath", "Task, Parallel, Map, Pass and Approval states");
        Refuse(state.Retry.Count > 0 && !canRetry, "Retry", "Task, Parallel and Map states");
        Refuse(state.Catch.Count > 0 && !canRetry, "Catch", "Task, Parallel and Map states");
        if (state.CompensationActivity is not null && !isTask)
        {
            errors.Add(new(where, $"a {state.Type} state cannot have a compensation; only task states (Activity, Agent) can, since only they have an effect to undo"));
        }
        else if (state.CompensationActivity is "")
        {
            errors.Add(new(where, "the compensation activity name is empty"));
        }

        if (usesNextOrEnd)
        {
            if (state.Next is null == !state.End)
            {
                errors.Add(new(where, state.End
                    ? "the state has both Next and End; it must have exactly one"
                    : "the state has neither Next nor End; it must say where the run goes next or that it ends here"));
            }
        }
        else if (state.Next is not null || state.End)
        {
            errors.Add(new(where, $"a {state.Type} state cannot have {(state.End ? "End" : "Next")}; it chooses its successor itself or ends the run"));
        }

        CheckPath(state.InputPath, "InputPath", reference: false, where, errors);
        CheckPath(state.OutputPath, "OutputPath", reference: false, where, errors);
        CheckPath(state.ResultPath, "ResultPath", reference: true, where, errors);
        CheckTemplate(state.Parameters, "Parameters", where, errors);
        CheckTemplate(state.ResultSelector, "ResultSelector", where, errors);
        for (int i = 0; i < state.Retry.Count; i++)
        {
            CheckRetrier(state.Retry[i], i, state.Retry.Count, where, errors);
        }

        for (int i = 0; i < state.Catch.Count; i++)
        {
            Catcher catcher = state.Catch[i];
            CheckErrorEquals(catcher.ErrorEquals, $"Catch[{i}]", i == state.Catch.Count - 1, where, errors);
            CheckPath(catcher.ResultPath, $"Catch[{i}].ResultPath", reference: true, where, errors);
        }

        switch (state)
        {
            case ActivityState activity:
                if (string.IsNullOrWhiteSpace(activity.ActivityName))
                {
                    errors.Add(new(where, "the activity name is empty"));
                }

                CheckTimeout(activity.TimeoutSeconds, where, errors);
                break;
            case AgentState agent:
                if (string.IsNullOrWhiteSpace(agent.AgentName))
                {
                    errors.Add(new(where, "the agent name is empty"));
                }

                if (agent.Parameters is not null)
                {
                    errors.Add(new(where, "an Agent state cannot have Parameters: its request is built from its input (prompt and context), which ASL can express only once; shape the input with InputPath or a Pass state before it"));
                }

                if (agent.Prompt is null == agent.PromptPath is null)
                {
                    errors.Add(new(where, "an Agent state needs exactly one of a literal prompt and a prompt path or intrinsic function"));
                }
                else if (agent.PromptPath is { } promptPath)
                {
                    CheckExpression(promptPath, "the prompt", where, errors);
                }

                CheckTimeout(agent.TimeoutSeconds, where, errors);
                break;
            case WaitState wait:
                int ways = (wait.Seconds is null ? 0 : 1) + (wait.Timestamp is null ? 0 : 1) + (wait.SecondsPath is null ? 0 : 1) + (wait.TimestampPath is null ? 0 : 1);
                if (ways != 1)
                {
                    errors.Add(new(where, $"a Wait state needs exactly one of Seconds, Timestamp, SecondsPath and TimestampPath; it has {ways}"));
                }

                if (wait.Seconds is < 0)
                {
                    errors.Add(new(where, $"Seconds is {wait.Seconds}; it must be a non-negative integer"));
                }

                CheckPath(wait.SecondsPath, "SecondsPath", reference: true, where, errors);
                CheckPath(wait.TimestampPath, "TimestampPath", reference: true, where, errors);
                break;
            case ChoiceState choice:
                if (choice.Choices.Count == 0)
                {
                    errors.Add(new(where, "a Choice state needs at least one rule in Choices"));
                }

                for (int i = 0; i < choice.Choices.Count; i++)
                {
                    CheckCondition(choice.Choices[i].Condition, $"Choices[{i}]", where, errors);
                }

                break;
            case ParallelState parallel:
                if (parallel.Branches.Count == 0)
                {
                    errors.Add(new(where, "a Parallel state needs at least one branch"));
                }

                for (int i = 0; i < parallel.Branches.Count; i++)
                {
                    ValidateMachine(parallel.Branches[i], $"{where} branch {i}", errors);
                }

                break;
            case MapState map:
                CheckPath(map.ItemsPath, "ItemsPath", reference: true, where, errors);
                CheckTemplate(map.ItemSelector, "ItemSelector", where, errors);
                if (map.MaxConcurrency < 0)
                {
                    errors.Add(new(where, $"MaxConcurrency is {map.MaxConcurrency}; it must be 0 (no limit) or more"));
                }

                if (map.ItemProcessor is null)
                {
                    errors.Add(new(where, "a Map state needs an ItemProcessor (Iterator): the states run for each item"));
                }
                else
                {
                    ValidateMachine(map.ItemProcessor, $"{where} ItemProcessor", errors);
                }

                break;
            case FailState fail:
                if (fail.Error is { } error && StatesErrorNames.Check(error) is { } why)
                {
                    errors.Add(new(where, why));
                }

                break;
            case ApprovalState approval:
                CheckApproval(approval, where, errors);
                break;
        }
    }

    private static void CheckApproval(ApprovalState approval, string where, List<DefinitionError> errors)
    {
        if (string.IsNullOrEmpty(approval.ApprovalName) || approval.ApprovalName.Length > 100 ||
            approval.ApprovalName.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?'))
        {
            errors.Add(new(where, $"the approval name '{approval.ApprovalName}' must be 1-100 characters without control characters, '/', '\\', '#' or '?', since it travels in URLs"));
        }

        if (approval.TimeoutSeconds <= 0)
        {
            errors.Add(new(where, $"the approval timeout is {approval.TimeoutSeconds} s; it must be positive"));
        }

        foreach ((string field, string? target) in new[] { ("ApprovedNext", approval.ApprovedNext), ("RejectedNext", approval.RejectedNext), ("TimedOutNext", approval.TimedOutNext) })
        {
            if (target is null)
            {
                errors.Add(new(where, $"an Approval state needs {field}: the state to go to for that outcome"));
            }
        }

        CheckPath(approval.DetailsPath, "DetailsPath", reference: false, where, errors);
    }

    private static void CheckRetrier(Retrier retrier, int index, int count, string where, List<DefinitionError> errors)
    {
        string field = $"Retry[{index}]";
        CheckErrorEquals(retrier.ErrorEquals, field, index == count - 1, where, errors);
        if (retrier.IntervalSeconds is < 1 or > MaxRetryValue)
        {
            errors.Add(new(where, $"{field}.IntervalSeconds is {retrier.IntervalSeconds}; ASL requires a positive integer up to {MaxRetryValue}"));
        }

        if (retrier.MaxAttempts is < 0 or > MaxRetryValue)
        {
            errors.Add(new(where, $"{field}.MaxAttempts is {retrier.MaxAttempts}; ASL requires 0 to {MaxRetryValue} (it counts retries after the first attempt)"));
        }

        if (!(retrier.BackoffRate >= 1.0) || double.IsInfinity(retrier.BackoffRate))
        {
            errors.Add(new(where, $"{field}.BackoffRate is {retrier.BackoffRate}; ASL requires a finite number of at least 1.0"));
        }

        if (retrier.MaxDelaySeconds is < 1 or > MaxDelaySecondsLimit)
        {
            errors.Add(new(where, $"{field}.MaxDelaySeconds is {retrier.MaxDelaySeconds}; ASL requires 1 to {MaxDelaySecondsLimit}"));
        }
    }

    private static void CheckErrorEquals(IReadOnlyList<string> names, string field, bool isLast, string where, List<DefinitionError> errors)
    {
        if (names.Count == 0)
        {
            errors.Add(new(where, $"{field}.ErrorEquals is empty; it needs at least one error name"));
        }

        foreach (string name in names)
        {
            if (StatesErrorNames.Check(name) is { } why)
            {
                errors.Add(new(where, $"{field}.ErrorEquals: {why}"));
            }
        }

        if (names.Contains(StatesErrorNames.All))
        {
            if (names.Count > 1)
            {
                errors.Add(new(where, $"{field}.ErrorEquals has States.ALL with other names; ASL requires States.ALL to appear alone"));
            }

            if (!isLast)
            {
                errors.Add(new(where, $"{field} matches States.ALL but is not the last; ASL requires the States.ALL one to come last"));
            }
        }
    }

    private static void CheckCondition(Condition condition, string field, string where, List<DefinitionError> errors)
    {
        switch (condition)
        {
            case AndCondition { Conditions.Count: 0 }:
            case OrCondition { Conditions.Count: 0 }:
                errors.Add(new(where, $"{field} is an And/Or without nested conditions; it needs at least one"));
                break;
            case AndCondition and:
                for (int i = 0; i < and.Conditions.Count; i++)
                {
                    CheckCondition(and.Conditions[i], $"{field}.And[{i}]", where, errors);
                }

                break;
            case OrCondition or:
                for (int i = 0; i < or.Conditions.Count; i++)
                {
                    CheckCondition(or.Conditions[i], $"{field}.Or[{i}]", where, errors);
                }

                break;
            case NotCondition not:
                CheckCondition(not.Condition, $"{field}.Not", where, errors);
                break;
            case ComparisonCondition comparison:
                CheckPath(comparison.Variable, $"{field}.Variable", reference: true, where, errors);
                if (ExpectedOperand(comparison.Operator) is { } expected && !IsOperandOf(comparison, expected))
                {
                    errors.Add(new(where, $"{field}.{comparison.Operator} needs {expected}, not {Describe(comparison.Value)}"));
                }
                else if (comparison.Operator.ToString().EndsWith("Path", StringComparison.Ordinal))
                {
                    CheckPath(comparison.Value!.GetValue<string>(), $"{field}.{comparison.Operator}", reference: true, where, errors);
                }

                break;
        }
    }

    private static string? ExpectedOperand(ComparisonOperator op)
    {
        string name = op.ToString();
        return name.EndsWith("Path", StringComparison.Ordinal) ? "a path string"
            : name.StartsWith("Is", StringComparison.Ordinal) || name.StartsWith("Boolean", StringComparison.Ordinal) ? "a Boolean"
            : name.StartsWith("Numeric", StringComparison.Ordinal) ? "a number"
            : name.StartsWith("Timestamp", StringComparison.Ordinal) ? "an ISO-8601 timestamp string"
            : "a string";
    }

    private static bool IsOperandOf(ComparisonCondition comparison, string expected)
    {
        if (comparison.Value is not JsonValue value)
        {
            return false;
        }

        return expected switch
        {
            "a Boolean" => value.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False,
            "a number" => value.GetValueKind() == System.Text.Json.JsonValueKind.Number,
            "an ISO-8601 timestamp string" => value.TryGetValue(out string? text) && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out _),
            _ => value.GetValueKind() == System.Text.Json.JsonValueKind.String,
        };
    }

    private static string Describe(JsonNode? node) => node is null ? "null" : $"{node.GetValueKind().ToString().ToLowerInvariant()} {node.ToJsonString()}";

    private static void CheckTemplate(JsonNode? template, string field, string where, List<DefinitionError> errors)
    {
        switch (template)
        {
            case JsonObject obj:
                foreach ((string key, JsonNode? value) in obj)
                {
                    if (key.EndsWith(".$", StringComparison.Ordinal))
                    {
                        if (value is JsonValue text && text.TryGetValue(out string? expression))
                        {
                            CheckExpression(expression, $"{field}.{key}", where, errors);
                        }
                        else
                        {
                            errors.Add(new(where, $"{field}.{key} ends in '.$', so its value must be a path or intrinsic function string, not {Describe(value)}"));
                        }
                    }
                    else
                    {
                        CheckTemplate(value, $"{field}.{key}", where, errors);
                    }
                }

                break;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    CheckTemplate(array[i], $"{field}[{i}]", where, errors);
                }

                break;
        }
    }

    private static void CheckExpression(string expression, string field, string where, List<DefinitionError> errors)
    {
        if (expression.StartsWith("States.", StringComparison.Ordinal))
        {
            if (!IntrinsicFunctions.TryParse(expression, out _, out string? error))
            {
                errors.Add(new(where, $"{field}: {error}"));
            }
        }
        else
        {
            CheckPath(expression, field, reference: false, where, errors);
        }
    }

    private static void CheckPath(string? path, string field, bool reference, string where, List<DefinitionError> errors)
    {
        if (path is null)
        {
            return;
        }

        if (!JsonPath.TryParse(path, out JsonPath? parsed, out string? error))
        {
            errors.Add(new(where, $"{field}: {error}"));
        }
        else if (reference && !parsed.IsReferencePath)
        {
            errors.Add(new(where, $"{field} '{path}' has a wildcard; ASL requires a reference path (a single node) here"));
        }
        else if (field == "ResultPath" && parsed.IsContextPath)
        {
            errors.Add(new(where, "ResultPath cannot write into the context object ('$$')"));
        }
    }

    private static void CheckTimeout(int? seconds, string where, List<DefinitionError> errors)
    {
        if (seconds is <= 0)
        {
            errors.Add(new(where, $"TimeoutSeconds is {seconds}; it must be a positive integer"));
        }
    }

    private static void CheckName(string name, string where, string what, List<DefinitionError> errors)
    {
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(new(where, $"the {what} is empty"));
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add(new(where, $"the {what} is {name.Length} characters long; ASL allows at most {MaxNameLength}"));
        }
    }

    private static string Where(string scope, string name) => scope.Length == 0 ? $"state '{name}'" : $"{scope} > state '{name}'";
}

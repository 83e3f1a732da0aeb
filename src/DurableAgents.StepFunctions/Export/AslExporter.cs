using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableAgents.StepFunctions.Export;

/// <summary>
/// Writes a definition as Amazon States Language JSON, with a fixed key order so the same definition always gives the
/// same text (Type, Comment, the type's own fields, InputPath, Parameters, ResultSelector, ResultPath, OutputPath,
/// Retry, Catch, Next/End). Task resources are CloudFormation <c>DefinitionSubstitutions</c> variables: an Activity
/// state's is <c>${Activity_&lt;name&gt;}</c> (a Lambda function ARN; the function receives the effective input and
/// returns the result, as the activity does), an Agent state's is <c>${InvokeAgentFunctionArn}</c> with the request
/// <c>{"AgentName","Prompt","Context"}</c> built in Parameters. An Approval state becomes a task-token Task, a Choice
/// and a Pass (<see cref="ApprovalExport"/>); compensations become nested Parallel scopes (<see cref="CompensationScopes"/>).
/// What ASL cannot express exactly is refused with <see cref="NotSupportedException"/>, naming the state and the reason.
/// </summary>
public static class AslExporter
{
    // ASL's limit on a state's name; names the export adds must keep to it too.
    private const int MaxStateNameLength = 80;

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // ASL text is read by people and by AWS tools; keep '<', '>', '&' and non-ASCII as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The substitution variable of the Lambda function that runs an agent as the InvokeAgent activity does.</summary>
    public const string InvokeAgentFunctionVariable = "InvokeAgentFunctionArn";

    /// <summary>The substitution variable of the Lambda function that publishes an approval and answers its task token.</summary>
    public const string ApprovalFunctionVariable = ApprovalExport.FunctionVariable;

    /// <summary>The substitution variable of an Activity state's Lambda function.</summary>
    public static string ActivityResourceVariable(string activityName)
    {
        ArgumentNullException.ThrowIfNull(activityName);
        var name = new StringBuilder("Activity_");
        foreach (char c in activityName)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        return name.ToString();
    }

    /// <summary>The ASL document of <paramref name="definition"/>.</summary>
    /// <exception cref="NotSupportedException">The definition has something ASL cannot express as the interpreter runs it.</exception>
    public static JsonObject Export(WorkflowDefinition definition, AslExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        options ??= AslExportOptions.Default;
        var document = new JsonObject();
        if (definition.Comment is { } comment)
        {
            document["Comment"] = comment;
        }

        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        CollectNames(definition.Machine, usedNames);
        ClaimApprovalNames(definition.Machine, usedNames);
        WriteMachine(document, definition.Machine, compensable: true, usedNames, options);
        if (definition.TimeoutSeconds is int timeout)
        {
            document["TimeoutSeconds"] = timeout;
        }

        return document;
    }

    /// <summary>The ASL document as indented JSON text with '\n' line ends.</summary>
    public static string ExportText(WorkflowDefinition definition, AslExportOptions? options = null) =>
        Export(definition, options).ToJsonString(Indented).ReplaceLineEndings("\n");

    /// <summary>
    /// Writes a machine. Compensations are written only where <paramref name="compensable"/> is true (the top level and
    /// the scopes written for compensations), since only there do the steps complete in an order known in advance.
    /// </summary>
    private static void WriteMachine(JsonObject target, StateMachine machine, bool compensable, ISet<string> usedNames, AslExportOptions options)
    {
        var written = new List<(string Name, JsonObject State)>();
        foreach (State state in machine.States)
        {
            if (state is ApprovalState approval)
            {
                written.AddRange(ApprovalExport.Write(approval));
            }
            else
            {
                written.Add((state.Name, WriteState(state, usedNames, options)));
            }
        }

        string startAt = machine.StartAt;
        if (compensable)
        {
            (startAt, written) = CompensationScopes.Apply(
                startAt, written, machine.States.ToDictionary(s => s.Name, StringComparer.Ordinal), s => WriteState(s, usedNames, options), usedNames);
        }

        target["StartAt"] = startAt;
        var states = new JsonObject();
        foreach ((string name, JsonObject state) in written)
        {
            states[name] = state;
        }

        target["States"] = states;
    }

    /// <summary>Every state name the definition itself gives, in every branch and item processor.</summary>
    private static void CollectNames(StateMachine machine, HashSet<string> names)
    {
        foreach (State state in AllStates(machine))
        {
            names.Add(state.Name);
        }
    }

    /// <summary>
    /// Reserves the two states each approval adds. They are claimed only after every user name is known, so a state the
    /// workflow already calls "&lt;approval&gt; decision" is refused here rather than silently overwritten in the document.
    /// </summary>
    private static void ClaimApprovalNames(StateMachine machine, HashSet<string> names)
    {
        foreach (State approval in AllStates(machine).Where(s => s is ApprovalState))
        {
            foreach (string generated in new[] { ApprovalExport.DecisionName(approval.Name), ApprovalExport.TimedOutName(approval.Name) })
            {
                if (generated.Length > MaxStateNameLength)
                {
                    throw new NotSupportedException(
                        $"The approval '{approval.Name}' needs a state named '{generated}', longer than ASL's {MaxStateNameLength} characters; shorten the approval state's name.");
                }

                if (!names.Add(generated))
                {
                    throw new NotSupportedException(
                        $"The approval '{approval.Name}' needs a state named '{generated}', which the workflow already uses; rename that state.");
                }
            }
        }
    }

    private static IEnumerable<State> AllStates(StateMachine machine)
    {
        foreach (State state in machine.States)
        {
            yield return state;
            IEnumerable<StateMachine> nested = state switch
            {
                ParallelState parallel => parallel.Branches,
                MapState { ItemProcessor: { } processor } => [processor],
                _ => [],
            };
            foreach (State inner in nested.SelectMany(AllStates))
            {
                yield return inner;
            }
        }
    }

    private static JsonObject WriteState(State state, ISet<string> usedNames, AslExportOptions options)
    {
        var json = new JsonObject { ["Type"] = state.Type };
        if (state.Comment is { } comment)
        {
            json["Comment"] = comment;
        }

        JsonNode? parameters = state.Parameters?.DeepClone();
        JsonNode? resultSelector = state.ResultSelector?.DeepClone();
        switch (state)
        {
            case ActivityState activity:
                json["Resource"] = $"${{{ActivityResourceVariable(activity.ActivityName)}}}";
                WriteOptional(json, "TimeoutSeconds", activity.TimeoutSeconds);
                break;
            case AgentState agent when options.BedrockAgents.TryGetValue(agent.AgentName, out BedrockAgentModel? model):
                json["Resource"] = BedrockAgentExport.Resource;
                WriteOptional(json, "TimeoutSeconds", agent.TimeoutSeconds);
                parameters = BedrockAgentExport.Parameters(agent, model);
                resultSelector = BedrockAgentExport.ResultSelector(agent, model, options.AgentResultFieldNames);
                break;
            case AgentState agent:
                json["Resource"] = $"${{{InvokeAgentFunctionVariable}}}";
                WriteOptional(json, "TimeoutSeconds", agent.TimeoutSeconds);
                parameters = new JsonObject { ["AgentName"] = agent.AgentName };
                if (agent.Prompt is { } prompt)
                {
                    parameters["Prompt"] = prompt;
                }
                else
                {
                    parameters["Prompt.$"] = agent.PromptPath;
                }

                parameters["Context.$"] = "States.JsonToString($)";
                break;
            case PassState pass when pass.Result is not null:
                json["Result"] = pass.Result.DeepClone();
                break;
            case WaitState wait:
                WriteOptional(json, "Seconds", wait.Seconds);
                if (wait.Timestamp is DateTimeOffset timestamp)
                {
                    json["Timestamp"] = timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                }

                WriteOptional(json, "SecondsPath", wait.SecondsPath);
                WriteOptional(json, "TimestampPath", wait.TimestampPath);
                break;
            case ChoiceState choice:
                json["Choices"] = new JsonArray([.. choice.Choices.Select(rule =>
                {
                    JsonObject written = WriteCondition(rule.Condition);
                    written["Next"] = rule.Next;
                    return (JsonNode)written;
                })]);
                WriteOptional(json, "Default", choice.Default);
                break;
            case ParallelState parallel:
                json["Branches"] = new JsonArray([.. parallel.Branches.Select(branch =>
                {
                    CompensationScopes.RefuseInside(branch, $"a branch of the Parallel state '{parallel.Name}'");
                    var written = new JsonObject();
                    WriteMachine(written, branch, compensable: false, usedNames, options);
                    return (JsonNode)written;
                })]);
                break;
            case MapState map:
                var processor = new JsonObject { ["ProcessorConfig"] = new JsonObject { ["Mode"] = "INLINE" } };
                CompensationScopes.RefuseInside(map.ItemProcessor!, $"the item processor of the Map state '{map.Name}'");
                WriteMachine(processor, map.ItemProcessor!, compensable: false, usedNames, options);
                json["ItemProcessor"] = processor;
                json["ItemsPath"] = map.ItemsPath;
                if ((map.ItemSelector ?? parameters) is { } selector)
                {
                    json["ItemSelector"] = selector.DeepClone();
                }

                parameters = null;
                if (map.MaxConcurrency != 0)
                {
                    json["MaxConcurrency"] = map.MaxConcurrency;
                }

                break;
            case FailState fail:
                WriteOptional(json, "Error", fail.Error);
                WriteOptional(json, "Cause", fail.Cause);
                break;
        }

        if (state.InputPath != "$")
        {
            json["InputPath"] = state.InputPath;
        }

        if (parameters is not null)
        {
            json["Parameters"] = parameters;
        }

        if (resultSelector is not null)
        {
            json["ResultSelector"] = resultSelector;
        }

        if (state.ResultPath != "$")
        {
            json["ResultPath"] = state.ResultPath;
        }

        if (state.OutputPath != "$")
        {
            json["OutputPath"] = state.OutputPath;
        }

        if (state.Retry.Count > 0)
        {
            json["Retry"] = new JsonArray([.. state.Retry.Select(WriteRetrier)]);
        }

        if (state.Catch.Count > 0)
        {
            json["Catch"] = new JsonArray([.. state.Catch.Select(WriteCatcher)]);
        }

        if (state.Next is { } next)
        {
            json["Next"] = next;
        }
        else if (state.End)
        {
            json["End"] = true;
        }

        return json;
    }

    private static JsonObject WriteCondition(Condition condition) => condition switch
    {
        AndCondition and => new JsonObject { ["And"] = new JsonArray([.. and.Conditions.Select(c => (JsonNode)WriteCondition(c))]) },
        OrCondition or => new JsonObject { ["Or"] = new JsonArray([.. or.Conditions.Select(c => (JsonNode)WriteCondition(c))]) },
        NotCondition not => new JsonObject { ["Not"] = WriteCondition(not.Condition) },
        ComparisonCondition comparison => new JsonObject
        {
            ["Variable"] = comparison.Variable,
            [comparison.Operator.ToString()] = comparison.Value?.DeepClone(),
        },
        _ => throw new ArgumentException($"Unknown condition {condition}.", nameof(condition)),
    };

    private static JsonNode WriteRetrier(Retrier retrier)
    {
        var json = new JsonObject
        {
            ["ErrorEquals"] = new JsonArray([.. retrier.ErrorEquals.Select(e => (JsonNode)e)]),
            ["IntervalSeconds"] = retrier.IntervalSeconds,
            ["MaxAttempts"] = retrier.MaxAttempts,
            ["BackoffRate"] = retrier.BackoffRate,
        };
        WriteOptional(json, "MaxDelaySeconds", retrier.MaxDelaySeconds);
        if (retrier.JitterStrategy == JitterStrategy.Full)
        {
            json["JitterStrategy"] = "FULL";
        }

        return json;
    }

    private static JsonNode WriteCatcher(Catcher catcher)
    {
        var json = new JsonObject
        {
            ["ErrorEquals"] = new JsonArray([.. catcher.ErrorEquals.Select(e => (JsonNode)e)]),
        };
        if (catcher.ResultPath != "$")
        {
            json["ResultPath"] = catcher.ResultPath;
        }

        json["Next"] = catcher.Next;
        return json;
    }

    private static void WriteOptional(JsonObject json, string key, int? value)
    {
        if (value is int v)
        {
            json[key] = v;
        }
    }

    private static void WriteOptional(JsonObject json, string key, string? value)
    {
        if (value is not null)
        {
            json[key] = value;
        }
    }
}
